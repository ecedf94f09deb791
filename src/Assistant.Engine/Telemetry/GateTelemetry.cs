using Assistant.Engine.Gate;

namespace Assistant.Engine.Telemetry;

/// <summary>The reply gate's verdicts as a metric: <c>assistant.gate.verdicts</c> by result and rule.</summary>
public static class GateTelemetry
{
    public static void Record(GateVerdict verdict)
    {
        if (verdict.Passed)
        {
            AssistantTelemetry.GateVerdicts.Add(1, new KeyValuePair<string, object?>("result", "passed"));
            return;
        }

        foreach (var failure in verdict.Failures)
        {
            AssistantTelemetry.GateVerdicts.Add(1, new("result", "failed"), new("rule", failure.Rule));
        }
    }
}
