using Assistant.Engine.Contract;
using Assistant.Engine.Hours;

namespace Assistant.Engine.Turns;

/// <summary>What a planned turn cost and came to, stored with its plan for budgets and the report.</summary>
/// <param name="Model">The model asked, when one was (not offline, not kept out by a budget).</param>
/// <param name="Cost">At the prices configured when the turn ran.</param>
public sealed record PlanFacts(TurnMetrics Metrics, string? Model, decimal Cost, string? HandoffReason, bool AfterHours)
{
    public static PlanFacts Of(TurnMetrics metrics, LlmOptions llm, HandoffRequest? handoff, AfterHours? afterHours) => new(
        metrics,
        llm.IsConfigured && metrics.Budget is null ? llm.Model : null,
        llm.CostOf(metrics.PromptTokens, metrics.CompletionTokens),
        handoff is null ? null : Contract.HandoffReason.Normalize(handoff.Reason),
        afterHours is not null);
}
