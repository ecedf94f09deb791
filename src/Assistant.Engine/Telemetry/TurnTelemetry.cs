using System.Diagnostics;
using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;

namespace Assistant.Engine.Telemetry;

/// <summary>A turn's span and the metrics its plan and finish add to.</summary>
internal static class TurnTelemetry
{
    public static Activity? Start(TurnRecord turn, ConversationState conversation)
    {
        var activity = AssistantTelemetry.Source.StartActivity("turn");
        activity?.SetTag("assistant.turn.id", turn.Id);
        activity?.SetTag("assistant.account.id", conversation.AccountId);
        activity?.SetTag("assistant.conversation.id", conversation.ConversationId);
        activity?.SetTag("assistant.channel", conversation.Channel);
        return activity;
    }

    public static void Planned(PlanFacts plan)
    {
        var metrics = plan.Metrics;
        var activity = Activity.Current;
        activity?.SetTag("assistant.turn.mode", metrics.Mode);
        activity?.SetTag("gen_ai.usage.input_tokens", metrics.PromptTokens);
        activity?.SetTag("gen_ai.usage.output_tokens", metrics.CompletionTokens);
        activity?.SetTag("assistant.turn.cost", (double)plan.Cost);
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", plan.Model ?? "none");
        if (metrics.PromptTokens > 0)
        {
            AssistantTelemetry.Tokens.Add(metrics.PromptTokens, model, new("gen_ai.token.type", "input"));
        }

        if (metrics.CompletionTokens > 0)
        {
            AssistantTelemetry.Tokens.Add(metrics.CompletionTokens, model, new("gen_ai.token.type", "output"));
        }

        if (plan.Cost > 0)
        {
            AssistantTelemetry.Cost.Add((double)plan.Cost, model);
        }

        if (plan.HandoffReason is { } reason)
        {
            activity?.SetTag("assistant.handoff.reason", reason);
            AssistantTelemetry.Handoffs.Add(1, new("reason", reason), new("after_hours", plan.AfterHours));
        }
    }

    public static void Finished(Activity? activity, string outcome, TimeSpan elapsed)
    {
        activity?.SetTag("assistant.turn.outcome", outcome);
        AssistantTelemetry.TurnDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
