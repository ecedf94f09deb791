using Assistant.Chatwoot;
using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Store;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Identity;

/// <summary>
/// Decides, at the start of each turn, who the customer is proven to be. In order: a token the store's site signed,
/// Chatwoot's identity validation where the operator trusts it and the inbox enforces it, then the address the
/// channel received the messages from. The contact's own email, phone and identifier prove nothing by themselves:
/// a web visitor can set them, and Chatwoot merges contacts that share them (reference/chatwoot.md §6).
/// </summary>
internal sealed class CustomerIdentityResolver(
    InboxFlags inboxes,
    IOptionsMonitor<StoreOptions> store,
    IOptionsMonitor<ChatwootOptions> chatwoot,
    TimeProvider clock)
{
    public async Task<CustomerIdentity> ResolveAsync(ConversationState conversation, CancellationToken cancellationToken)
    {
        var claimed = new CustomerIdentity(conversation.ContactName, conversation.ContactEmail, conversation.ContactPhone, conversation.ContactIdentifier, null);
        if (store.CurrentValue.IdentitySecret is { Length: > 0 } secret
            && StoreIdentityToken.Verify(conversation.StoreIdentity, secret.Trim(), clock.GetUtcNow()) is { } customerId)
        {
            return claimed with { Identifier = customerId, VerifiedBy = ContactVerification.Store };
        }

        if (conversation.HmacVerified && !string.IsNullOrWhiteSpace(conversation.ContactIdentifier)
            && chatwoot.CurrentValue.TrustsEnforcedHmac
            && await inboxes.EnforcesIdentityAsync(conversation.AccountId, conversation.InboxId, cancellationToken))
        {
            return claimed with { VerifiedBy = ContactVerification.Hmac };
        }

        return ChannelAddress.Of(conversation.Channel, conversation.ContactSourceId) switch
        {
            { Method: ContactVerification.Phone } proof => claimed with { Phone = proof.Address, VerifiedBy = ContactVerification.Phone },
            { Method: ContactVerification.Email } proof => claimed with { Email = proof.Address, VerifiedBy = ContactVerification.Email },
            _ => claimed,
        };
    }
}
