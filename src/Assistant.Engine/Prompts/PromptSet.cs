namespace Assistant.Engine.Prompts;

/// <summary>One consistent, validated version of the prompts folder.</summary>
public sealed record PromptSet(PromptTemplate Assistant, PromptTemplate HandoffSummary, LocaleCatalog Locales, Gate.Guardrails Guardrails, DateTimeOffset LoadedAt);
