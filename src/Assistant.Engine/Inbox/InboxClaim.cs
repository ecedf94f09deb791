namespace Assistant.Engine.Inbox;

/// <summary>What a claim took, if anything, and whether another event was ready for another worker at that moment.</summary>
/// <param name="NextDue">When nothing was claimed: when the first head falls due; null when no key has unfinished events.</param>
public sealed record InboxClaim(InboxEvent? Event, bool MoreDue, DateTimeOffset? NextDue);
