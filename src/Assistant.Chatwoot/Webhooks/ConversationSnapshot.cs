namespace Assistant.Chatwoot.Webhooks;

/// <summary>A conversation as one webhook payload saw it.</summary>
/// <param name="Id">The display id used in REST paths.</param>
/// <param name="UpdatedAt">Chatwoot's <c>updated_at</c> in epoch seconds: orders snapshots that arrive out of order.</param>
public sealed record ConversationSnapshot(
    long Id,
    long? InboxId,
    string? Channel,
    string Status,
    long? AssigneeId,
    string? AssigneeType,
    long? TeamId,
    ChatwootContact Contact,
    bool HmacVerified,
    string? Language,
    IReadOnlyList<string> Labels,
    bool CanReply,
    double UpdatedAt);
