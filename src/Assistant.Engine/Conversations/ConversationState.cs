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
    double SourceUpdatedAt,
    bool HeldByPeople = false,
    DateTimeOffset? HandedBackAt = null)
{
    public Ownership Ownership => OwnershipPolicy.Of(Status, AssigneeId, AssigneeType, ReclaimedAssigneeId, HeldByPeople);

    public static ConversationState New(long accountId, long conversationId) =>
        new(accountId, conversationId, null, null, "pending", null, null, null, null, null, null, null, null, null, false, null, null, [], true, null, 0);

    /// <summary>A person replied publicly: the conversation is the people's until they give it back.</summary>
    public ConversationState TakenByPeople() => this with { HeldByPeople = true };

    /// <summary>
    /// How the people gave the conversation back in the step from <paramref name="before"/> to this state, if they
    /// did: it went from open or snoozed to pending, or the hand-back label was added; either way with no human
    /// assignee in charge.
    /// </summary>
    public HandBack HandBackFrom(ConversationState before, string? handBackLabel)
    {
        if (HasActiveHumanAssignee || Status is not ("pending" or "open"))
        {
            return HandBack.None;
        }

        if (Status == "pending" && before.Status is "open" or "snoozed")
        {
            return HandBack.ByStatus;
        }

        return HasLabel(handBackLabel) && !before.HasLabel(handBackLabel) ? HandBack.ByLabel : HandBack.None;
    }

    /// <summary>A human assignee who is in charge (not the one a customer's reopening took the conversation from).</summary>
    private bool HasActiveHumanAssignee => OwnershipPolicy.HasHumanAssignee(AssigneeId, AssigneeType) && AssigneeId != ReclaimedAssigneeId;

    /// <summary>
    /// The people gave the conversation back: the bot owns it again, knowing it was handed back. The status is pending
    /// from now on (a label's hand-back sets it so in Chatwoot too), so the customer's next message is answered.
    /// </summary>
    public ConversationState HandedBack(DateTimeOffset at) => this with { Status = "pending", HeldByPeople = false, HandedBackAt = at };

    public bool HasLabel(string? label) => !string.IsNullOrWhiteSpace(label) && Labels.Contains(label.Trim(), StringComparer.OrdinalIgnoreCase);

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
            // A resolved case is over: whoever held it, the customer's next message starts afresh.
            HeldByPeople = snapshot.Status != "resolved" && HeldByPeople,
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

        // A closed case reopened by the customer starts afresh: whoever held or handed back the old one does not matter.
        return merged with
        {
            Status = "pending",
            ReclaimedAssigneeId = OwnershipPolicy.ReclaimedAssignee(merged.AssigneeId, merged.AssigneeType),
            HeldByPeople = false,
            HandedBackAt = null,
        };
    }
}

/// <summary>How people gave a conversation back to the bot.</summary>
public enum HandBack
{
    None,

    /// <summary>They set it from open or snoozed to pending.</summary>
    ByStatus,

    /// <summary>They added the hand-back label (<c>Handoff__HandBackLabel</c>).</summary>
    ByLabel,
}
