using Assistant.Chatwoot.Webhooks;

namespace Assistant.Engine.Conversations;

/// <summary>What the assistant knows of one Chatwoot conversation.</summary>
public sealed record ConversationState(
    long AccountId,
    long ConversationId,
    long? InboxId,
    string? Channel,
    string Status,
    long? AssigneeId,
    string? AssigneeType,
    long? TeamId,
    long? ContactId,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string? ContactIdentifier,
    string? ContactSourceId,
    bool HmacVerified,
    string? StoreIdentity,
    string? Language,
    string[] Labels,
    bool CanReply,
    long? ReclaimedAssigneeId,
    double SourceUpdatedAt)
{
    public Ownership Ownership => OwnershipPolicy.Of(Status, AssigneeId, AssigneeType, ReclaimedAssigneeId);

    public static ConversationState New(long accountId, long conversationId) =>
        new(accountId, conversationId, null, null, "pending", null, null, null, null, null, null, null, null, null, false, null, null, [], true, null, 0);

    /// <summary>
    /// Folds in a payload's view of the conversation. Chatwoot delivers each event from its own job, so an older
    /// snapshot can arrive after a newer one: it may fill gaps but never overwrite newer status or assignment.
    /// </summary>
    public ConversationState Apply(ConversationSnapshot snapshot)
    {
        var contact = snapshot.Contact;
        var merged = this with
        {
            InboxId = snapshot.InboxId ?? InboxId,
            Channel = snapshot.Channel ?? Channel,
            ContactId = contact.Id ?? ContactId,
            ContactName = contact.Name ?? ContactName,
            ContactEmail = contact.Email ?? ContactEmail,
            ContactPhone = contact.PhoneNumber ?? ContactPhone,
            ContactIdentifier = contact.Identifier ?? ContactIdentifier,
            // A conversation keeps its contact inbox for life, and Chatwoot never withdraws hmac_verified.
            ContactSourceId = snapshot.ContactSourceId ?? ContactSourceId,
            HmacVerified = HmacVerified || snapshot.HmacVerified,
            StoreIdentity = StoreIdentity ?? snapshot.StoreIdentity,
            Language = snapshot.Language ?? Language,
        };

        if (snapshot.UpdatedAt < SourceUpdatedAt)
        {
            return merged;
        }

        return merged with
        {
            Status = snapshot.Status,
            AssigneeId = snapshot.AssigneeId,
            AssigneeType = snapshot.AssigneeType,
            TeamId = snapshot.TeamId,
            Labels = [.. snapshot.Labels],
            CanReply = snapshot.CanReply,
            // The store's site renews its token, or removes it when the customer signs out.
            StoreIdentity = snapshot.StoreIdentity,
            ReclaimedAssigneeId = ReclaimedAfter(snapshot),
            SourceUpdatedAt = snapshot.UpdatedAt,
        };
    }

    private long? ReclaimedAfter(ConversationSnapshot snapshot)
    {
        if (snapshot.Status != "pending")
        {
            return null;
        }

        // Chatwoot reopens a resolved conversation before it sends the customer's message, so the payload already
        // says pending: the transition itself is the customer taking the conversation back.
        return Status == "resolved"
            ? OwnershipPolicy.ReclaimedAssignee(snapshot.AssigneeId, snapshot.AssigneeType)
            : snapshot.AssigneeId == ReclaimedAssigneeId ? ReclaimedAssigneeId : null;
    }

    /// <summary>
    /// A customer wrote: the payload's view is folded in, and a resolved conversation reopens as pending and is the
    /// bot's again, unless the message's snapshot is older than what is known (a late delivery of a message written
    /// before the conversation was resolved must not reopen it, nor its Zendesk ticket).
    /// </summary>
    public ConversationState ApplyCustomerMessage(ConversationSnapshot snapshot)
    {
        var merged = Apply(snapshot);
        if (merged.Status != "resolved" || snapshot.UpdatedAt < SourceUpdatedAt)
        {
            return merged;
        }

        return merged with { Status = "pending", ReclaimedAssigneeId = OwnershipPolicy.ReclaimedAssignee(merged.AssigneeId, merged.AssigneeType) };
    }
}
