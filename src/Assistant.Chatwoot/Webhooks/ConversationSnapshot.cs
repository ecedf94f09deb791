namespace Assistant.Chatwoot.Webhooks;

/// <summary>A conversation as one webhook payload saw it.</summary>
/// <param name="Id">The display id used in REST paths.</param>
/// <param name="ContactSourceId">
/// <c>contact_inbox.source_id</c>: the address the channel received the contact's messages from (a WhatsApp id, an
/// SMS or Twilio sender, an email address; a random id on the widget). Unlike the contact's email and phone, neither
/// the visitor nor a contact merge can change it.
/// </param>
/// <param name="HmacVerified">Chatwoot's identity-validation flag, which proves less than it says (reference/chatwoot.md §6).</param>
/// <param name="StoreIdentity">The store-signed identity token in the conversation's custom attribute <c>store_identity</c>, unverified.</param>
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
    string? ContactSourceId,
    bool HmacVerified,
    string? StoreIdentity,
    string? Language,
    IReadOnlyList<string> Labels,
    bool CanReply,
    double UpdatedAt)
{
    /// <summary>The conversation custom attribute a store's site sets to the token it signed (README: "Identity").</summary>
    public const string StoreIdentityAttribute = "store_identity";
}
