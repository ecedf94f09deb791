namespace Assistant.Bridge;

/// <summary>The ticket's update budget is spent for now; the inbox retries the mirroring later.</summary>
public sealed class ZendeskBudgetException(long ticketId) : Exception($"Zendesk ticket {ticketId} has had its maximum updates in the last 10 minutes.");
