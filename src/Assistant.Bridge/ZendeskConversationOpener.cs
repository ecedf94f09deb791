using System.Text.Json;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Conversations;
using Assistant.Transport;
using Assistant.Zendesk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Bridge;

/// <summary>
/// A ticket that starts in Zendesk (an end user's public comment on a ticket the bridge does not know) opens a
/// conversation in the configured Chatwoot API inbox, with the requester as contact and the comment as the customer's
/// first message; the bot then answers it like any conversation, and its answers go back as public comments. Every
/// step can be repeated: a failure anywhere retries the event, which finds the contact and the conversation an earlier
/// attempt made (the conversation carries the ticket's id), so the comment is applied once, never lost or doubled.
/// </summary>
public sealed partial class ZendeskConversationOpener(
    ZendeskClient zendesk,
    ChatwootClient chatwoot,
    ChatwootUserClient chatwootUsers,
    BridgeRepository bridge,
    BridgeIdentity identity,
    ConversationRepository conversations,
    NpgsqlDataSource dataSource,
    IOptionsMonitor<ZendeskOptions> options,
    ILogger<ZendeskConversationOpener> logger)
{
    /// <summary>The conversation custom attribute that names the Zendesk ticket a conversation was opened for.</summary>
    public const string TicketAttribute = "zendesk_ticket_id";

    public async Task<bool> TryOpenAsync(ZendeskEnvelope envelope, JsonElement root, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var comment = root.Path("event", "comment");
        if (settings.ChatwootInboxId is not { } inboxId || settings.ChatwootAccountId is not { } accountId
            || envelope.Type != "zen:event-type:ticket.comment_added" || comment is not { } c
            || !(c.Property("is_public").Boolean() ?? false) || (c.Path("author", "is_staff").Boolean() ?? true)
            || c.Path("author", "id").Int64() is not { } authorId || authorId == await identity.UserIdAsync(cancellationToken)
            || c.Property("id").Int64() is not { } commentId)
        {
            return false;
        }

        var text = CommentCleaner.Clean(c.Property("body").String() ?? string.Empty);
        if (text.Length == 0 || await bridge.ClaimIncomingCommentAsync(envelope.TicketId, commentId, text, cancellationToken) is not { } claim)
        {
            return true;
        }

        var (name, email) = await zendesk.GetUserAsync(authorId, cancellationToken);
        var (contactId, sourceId) = await chatwootUsers.CreateContactInInboxAsync(accountId, inboxId, name, email, $"zendesk-user:{authorId}", cancellationToken);
        var conversationId = (claim.Resumed ? await OpenedEarlierAsync(accountId, inboxId, contactId, envelope.TicketId, cancellationToken) : null)
            ?? await chatwoot.CreateConversationAsync(accountId, inboxId, contactId, sourceId, text,
                new System.Text.Json.Nodes.JsonObject { [TicketAttribute] = envelope.TicketId }, cancellationToken);

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var state = await conversations.GetForUpdateAsync(accountId, conversationId, connection, transaction, cancellationToken);
            await conversations.SaveAsync(state with { InboxId = inboxId, Channel = "Channel::Api", ContactId = contactId, ContactName = name, ContactEmail = email },
                connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await bridge.SaveLinkAsync(new TicketLink(accountId, conversationId, envelope.TicketId, authorId, 0, null, "zendesk"), cancellationToken);
        await bridge.RecordDoneAsync(claim.LedgerId, commentId, null, cancellationToken);
        Log.Opened(logger, envelope.TicketId, accountId, conversationId);
        return true;
    }

    /// <summary>The conversation an earlier attempt opened for the ticket, if its request reached Chatwoot.</summary>
    private async Task<long?> OpenedEarlierAsync(long accountId, long inboxId, long contactId, long ticketId, CancellationToken cancellationToken) =>
        (await chatwootUsers.ListContactConversationsAsync(accountId, contactId, cancellationToken))
            .Where(c => c.InboxId == inboxId && c.CustomAttributes.Property(TicketAttribute).Int64() == ticketId)
            .Select(c => (long?)c.Id)
            .FirstOrDefault();

    private static partial class Log
    {
        [LoggerMessage(EventId = 930, Level = LogLevel.Information, Message = "Zendesk ticket {TicketId} opened conversation {AccountId}/{ConversationId}.")]
        public static partial void Opened(ILogger logger, long ticketId, long accountId, long conversationId);
    }
}
