namespace Assistant.Engine.Prompts;

/// <summary>One consistent, validated version of the prompts folder.</summary>
/// <param name="FollowUp">How the model writes a follow-up (<c>follow-up.yaml</c>); without it the locale's text is sent.</param>
public sealed record PromptSet(
    PromptTemplate Assistant, PromptTemplate HandoffSummary, LocaleCatalog Locales, Gate.Guardrails Guardrails, DateTimeOffset LoadedAt,
    PromptTemplate? FollowUp = null);
