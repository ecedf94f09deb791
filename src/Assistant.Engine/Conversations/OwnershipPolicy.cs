namespace Assistant.Engine.Conversations;

/// <summary>The design's ownership rule, in one place for the event handler and the turn's re-check.</summary>
internal static class OwnershipPolicy
{
    /// <param name="heldByPeople">A person replied in the conversation and nobody has given it back since.</param>
    public static Ownership Of(string status, long? assigneeId, string? assigneeType, long? reclaimedAssigneeId, bool heldByPeople = false) => status switch
    {
        "resolved" => Ownership.Closed,
        "open" or "snoozed" => Ownership.Human,
        _ when heldByPeople => Ownership.Human,
        _ when IsHuman(assigneeId, assigneeType) && assigneeId != reclaimedAssigneeId => Ownership.Human,
        _ => Ownership.Bot,
    };

    /// <summary>Whether the conversation has a human (not a bot) assignee.</summary>
    public static bool HasHumanAssignee(long? assigneeId, string? assigneeType) => IsHuman(assigneeId, assigneeType);

    /// <summary>
    /// Chatwoot reopens a resolved conversation as pending in bot inboxes but keeps its assignee; the customer is
    /// then the bot's again, so the assignee of the closed case is remembered as no longer in charge.
    /// </summary>
    public static long? ReclaimedAssignee(long? assigneeId, string? assigneeType) =>
        IsHuman(assigneeId, assigneeType) ? assigneeId : null;

    private static bool IsHuman(long? assigneeId, string? assigneeType) =>
        assigneeId is not null && !string.Equals(assigneeType, "AgentBot", StringComparison.Ordinal);
}
