using System.Diagnostics;
using System.Diagnostics.Metrics;
using Assistant.Transport;

namespace Assistant.Engine.Telemetry;

/// <summary>
/// The service's own traces and metrics. Both cost next to nothing when no listener is attached (no exporter
/// configured): <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and instruments drop
/// their measurements.
/// </summary>
public static class AssistantTelemetry
{
    public const string Name = "Assistant";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Webhooks = Meter.CreateCounter<long>(
        "assistant.webhooks", "{webhook}", "Webhooks received, by source and result (stored, duplicate, rejected, malformed, failed).");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        "assistant.turn.duration", "s", "From a turn's start to its finish, by outcome and mode.");

    public static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "assistant.llm.tokens", "{token}", "Model tokens, by model and type (input, output).");

    public static readonly Counter<double> Cost = Meter.CreateCounter<double>(
        "assistant.llm.cost", "{currency}", "What model calls cost at the configured prices, by model.");

    public static readonly Counter<long> ModelFailures = Meter.CreateCounter<long>(
        "assistant.llm.failures", "{turn}", "Turns whose model call failed and fell back to the offline router or a handoff.");

    public static readonly Counter<long> Handoffs = Meter.CreateCounter<long>(
        "assistant.handoffs", "{handoff}", "Conversations handed to humans, by reason and whether it was within business hours.");

    public static readonly Counter<long> BudgetsSpent = Meter.CreateCounter<long>(
        "assistant.budget.spent", "{turn}", "Turns answered without the model because a budget was spent, by budget.");

    public static readonly Counter<long> GateVerdicts = Meter.CreateCounter<long>(
        "assistant.gate.verdicts", "{verdict}", "The reply gate's verdicts on model answers, by result and failed rule.");

    public static readonly Histogram<double> BridgeLag = Meter.CreateHistogram<double>(
        "assistant.bridge.lag", "s", "From a Chatwoot message to its copy in Zendesk.");

    private static InboxGauge? _inbox;
    private static WorkBudget? _budget;

    static AssistantTelemetry()
    {
        Meter.CreateObservableGauge("assistant.inbox.depth", () => Volatile.Read(ref _inbox)?.Depth ?? 0, "{event}", "Inbox events waiting or running.");
        Meter.CreateObservableGauge("assistant.inbox.age", () => Volatile.Read(ref _inbox)?.OldestAgeSeconds ?? 0, "s", "Age of the oldest waiting inbox event.");
        Meter.CreateObservableGauge("assistant.inbox.busy", () => Volatile.Read(ref _budget)?.Running ?? 0, "{event}",
            "Inbox events running outside their waits on other services, against Inbox__BusyWorkers.");
    }

    /// <summary>The instance's work budget, whose running count the <c>assistant.inbox.busy</c> gauge reports.</summary>
    public static void Observe(WorkBudget budget) => Volatile.Write(ref _budget, budget);

    /// <summary>
    /// The inbox's latest size as a sampler read it: the gauges report this instead of querying the database on
    /// every collection.
    /// </summary>
    public static void RecordInbox(InboxGauge reading) => Volatile.Write(ref _inbox, reading);

    /// <summary>
    /// Starts the span that processes an inbox event as a child of the span that stored it (the webhook request or
    /// the turn that scheduled it), so one trace runs from Chatwoot's call to the reply across the queue.
    /// </summary>
    public static Activity? StartProcessing(string eventName, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Source.StartActivity($"process {eventName}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "postgresql");
        activity?.SetTag("messaging.operation.type", "process");
        return activity;
    }
}

/// <summary>One reading of the inbox's size.</summary>
public sealed record InboxGauge(long Depth, double OldestAgeSeconds);
