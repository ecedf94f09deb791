namespace Assistant.Engine.Inbox;

/// <summary>What a claim took, if anything, and whether another event was ready for another worker at that moment.</summary>
public sealed record InboxClaim(InboxEvent? Event, bool MoreDue);
