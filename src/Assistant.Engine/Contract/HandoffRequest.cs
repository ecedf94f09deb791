namespace Assistant.Engine.Contract;

/// <summary>A decision to hand the conversation to humans.</summary>
/// <param name="Reason">A short code: <c>customer_request</c>, <c>out_of_scope</c>, <c>llm_failure</c>, ...; also picks the team.</param>
/// <param name="Summary">For the agent: what the customer wants and what the bot already told them.</param>
/// <param name="Apology">Whether the customer is told something went wrong, rather than a plain handoff message.</param>
/// <param name="MessageKey">The locale text the customer is sent instead of the plain handoff message (within business hours).</param>
public sealed record HandoffRequest(string Reason, string Summary, bool Apology = false, string? MessageKey = null);
