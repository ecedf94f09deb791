using System.Text.Json;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Transport;
using Microsoft.Extensions.Logging;

namespace Assistant.Bridge;

/// <summary>
/// Zendesk → Chatwoot. A public agent comment becomes the agent's message to the customer and hands the conversation
/// to humans (status open: the bot stops); an internal comment becomes a private note; an end user's comment an
/// incoming message in an API inbox, a private note elsewhere. Solved ↔ resolved. What the bridge wrote itself (by
/// ledger or by its own user id) is ignored.
/// </summary>
public sealed partial class ZendeskEventHandler(
    BridgeRepository bridge,
    BridgeIdentity identity,
    ChatwootClient chatwoot,
    ConversationRepository conversations,
    ZendeskConversationOpener opener,
    ILogger<ZendeskEventHandler> logger) : IInboxEventHandler
{
    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(inboxEvent.Payload);
        var root = document.RootElement;
        var envelope = ZendeskEnvelope.TryRead(System.Text.Encoding.UTF8.GetBytes(inboxEvent.Payload), out var error)
            ?? throw new UnprocessableEventException(error!);
        var link = await bridge.LinkByTicketAsync(envelope.TicketId, cancellationToken);
        if (link is null)
        {
            // A ticket that started in Zendesk may open a conversation for the bot to answer.
            if (!await opener.TryOpenAsync(envelope, root, cancellationToken))
            {
                Log.UnknownTicket(logger, envelope.TicketId, envelope.Type);
            }

            return;
        }

        switch (envelope.Type)
        {
            case "zen:event-type:ticket.comment_added":
                await CommentAddedAsync(link, root, cancellationToken);
                break;
            case "zen:event-type:ticket.status_changed":
                await StatusChangedAsync(link, root, cancellationToken);
                break;
            default:
                Log.Ignored(logger, envelope.Type);
                break;
        }
    }

    private async Task CommentAddedAsync(TicketLink link, JsonElement root, CancellationToken cancellationToken)
    {
        var comment = root.Path("event", "comment") ?? throw new UnprocessableEventException("A comment event has no comment.");
        var commentId = comment.Property("id").Int64() ?? throw new UnprocessableEventException("A comment event has no comment id.");
        var body = comment.Property("body").String() ?? string.Empty;
        var authorId = comment.Path("author", "id").Int64();
        if (await bridge.IsOwnCommentAsync(link.TicketId, commentId, body, cancellationToken) || authorId == await identity.UserIdAsync(cancellationToken))
        {
            Log.OwnEcho(logger, commentId, link.TicketId);
            return;
        }

        var text = CommentCleaner.Clean(body);
        if (text.Length == 0)
        {
            return;
        }

        var isPublic = comment.Property("is_public").Boolean() ?? false;
        var byStaff = comment.Path("author", "is_staff").Boolean() ?? true;
        var conversation = await conversations.GetAsync(link.AccountId, link.ConversationId, cancellationToken);
        var message = (isPublic, byStaff) switch
        {
            (true, true) => OutgoingMessage.Text(text),
            (true, false) when conversation?.Channel == "Channel::Api" => OutgoingMessage.Incoming(text),
            (true, false) => OutgoingMessage.PrivateNote($"[Customer in Zendesk] {text}"),
            _ => OutgoingMessage.PrivateNote(text),
        };

        // Claimed by comment id first: a redelivered event, or a second instance, finds the claim and stops here.
        if (await bridge.ClaimIncomingCommentAsync(link.TicketId, commentId, message.Content, cancellationToken) is not { } ledger)
        {
            return;
        }

        var messageId = await chatwoot.CreateMessageAsync(link.AccountId, link.ConversationId, message, cancellationToken);
        await bridge.RecordDoneAsync(ledger, commentId, messageId, cancellationToken);
        if (isPublic && byStaff && conversation?.Status is not "open")
        {
            // A person answered in Zendesk: the conversation is theirs now, and the bot stops.
            await chatwoot.ToggleStatusAsync(link.AccountId, link.ConversationId, ConversationStatus.Open, cancellationToken);
        }
    }

    private async Task StatusChangedAsync(TicketLink link, JsonElement root, CancellationToken cancellationToken)
    {
        var current = root.Path("event", "current").String()?.ToLowerInvariant();
        var previous = root.Path("event", "previous").String()?.ToLowerInvariant();
        if (current is "solved" or "closed" && link.StatusSynced != "solved")
        {
            await bridge.SetStatusSyncedAsync(link.TicketId, "solved", cancellationToken);
            await chatwoot.ToggleStatusAsync(link.AccountId, link.ConversationId, ConversationStatus.Resolved, cancellationToken);
        }
        else if (previous is "solved" && current is "open" or "new" && link.StatusSynced == "solved")
        {
            await bridge.SetStatusSyncedAsync(link.TicketId, "open", cancellationToken);
            await chatwoot.ToggleStatusAsync(link.AccountId, link.ConversationId, ConversationStatus.Open, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 910, Level = LogLevel.Debug, Message = "Zendesk ticket {TicketId} mirrors no conversation; {Type} ignored.")]
        public static partial void UnknownTicket(ILogger logger, long ticketId, string type);

        [LoggerMessage(EventId = 911, Level = LogLevel.Debug, Message = "Zendesk event {Type} needs nothing from the bridge.")]
        public static partial void Ignored(ILogger logger, string type);

        [LoggerMessage(EventId = 912, Level = LogLevel.Debug, Message = "Comment {CommentId} on ticket {TicketId} is the bridge's own; not brought back.")]
        public static partial void OwnEcho(ILogger logger, long commentId, long ticketId);
    }
}
