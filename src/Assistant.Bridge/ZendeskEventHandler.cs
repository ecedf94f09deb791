using System.Text.Json;
using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Webhooks;
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
    ChatwootUserClient chatwootUsers,
    ConversationRepository conversations,
    ZendeskConversationOpener opener,
    Microsoft.Extensions.Options.IOptionsMonitor<Chatwoot.ChatwootOptions> chatwootOptions,
    TimeProvider clock,
    ILogger<ZendeskEventHandler> logger) : IInboxEventHandler
{
    /// <summary>How long an event for a ticket the mirror is creating waits for the link before it counts as failed.</summary>
    private static readonly TimeSpan CreationWait = TimeSpan.FromMinutes(10);

    /// <summary>Chatwoot's clock is not ours.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(inboxEvent.Payload);
        var root = document.RootElement;
        var envelope = ZendeskEnvelope.TryRead(System.Text.Encoding.UTF8.GetBytes(inboxEvent.Payload), out var error)
            ?? throw new UnprocessableEventException(error!);
        var link = await bridge.LinkByTicketAsync(envelope.TicketId, cancellationToken);
        if (link is null)
        {
            await WaitIfBeingCreatedAsync(inboxEvent, envelope, root, cancellationToken);
            // The mirror may have saved the link between the two reads: read it again before calling the ticket unknown.
            link = await bridge.LinkByTicketAsync(envelope.TicketId, cancellationToken);
        }

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

    /// <summary>
    /// A ticket whose external id names a conversation the bridge has not linked yet is being created by the mirror
    /// right now (a trigger's auto-reply can arrive before the create call returns): its event waits for the link.
    /// </summary>
    private async Task WaitIfBeingCreatedAsync(InboxEvent inboxEvent, ZendeskEnvelope envelope, JsonElement root, CancellationToken cancellationToken)
    {
        if (!ChatwootEnvelope.TryParseConversationKey(root.Path("detail", "external_id").String(), out var accountId, out var conversationId)
            || await bridge.LinkAsync(accountId, conversationId, cancellationToken) is not null)
        {
            // Not ours, or an earlier ticket of a conversation that has moved on to a follow-up.
            return;
        }

        if (clock.GetUtcNow() - inboxEvent.ReceivedAt < CreationWait)
        {
            throw new EventDeferredException($"Zendesk ticket {envelope.TicketId} is still being created for {accountId}/{conversationId}.", TimeSpan.FromSeconds(2));
        }

        // The mirror never finished the ticket: fail loudly (retries, then a dead letter to replay) rather than drop it.
        throw new InvalidOperationException(
            $"Zendesk ticket {envelope.TicketId} names conversation {accountId}/{conversationId}, which the bridge has not linked after {CreationWait.TotalMinutes:0} minutes.");
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

        // Claimed by comment id first: a redelivered event, or the reconciler's copy, finds the claim done and stops here.
        if (await bridge.ClaimIncomingCommentAsync(link.TicketId, commentId, message.Content, cancellationToken) is not { } claim)
        {
            return;
        }

        // An earlier attempt may have written the message before it failed: Chatwoot's history says.
        var messageId = (claim.Resumed ? await WrittenEarlierAsync(link, message, claim, cancellationToken) : null)
            ?? await chatwoot.CreateMessageAsync(link.AccountId, link.ConversationId, message, cancellationToken);
        await bridge.RecordDoneAsync(claim.LedgerId, commentId, messageId, cancellationToken);
        if (isPublic && byStaff && conversation?.Status is not "open")
        {
            // A person answered in Zendesk: the conversation is theirs now, and the bot stops.
            await chatwoot.ToggleStatusAsync(link.AccountId, link.ConversationId, ConversationStatus.Open, cancellationToken);
        }
    }

    private async Task<long?> WrittenEarlierAsync(TicketLink link, OutgoingMessage message, CommentClaim claim, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(chatwootOptions.CurrentValue.UserToken))
        {
            // Without a user token the history cannot be read: a repeat beats a loss.
            return null;
        }

        var written = (await chatwootUsers.ListMessagesAsync(link.AccountId, link.ConversationId, cancellationToken))
            .Where(m => m.Content == message.Content && m.Private == message.Private && m.CreatedAt >= claim.ClaimedAt - ClockSkew)
            .Select(m => m.Id)
            .ToList();
        var claimed = await bridge.BridgedMessagesAsync(written, cancellationToken);
        return written.Where(id => !claimed.Contains(id)).Cast<long?>().FirstOrDefault();
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
