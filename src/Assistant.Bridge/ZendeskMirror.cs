using Assistant.Engine.Telemetry;
using System.Text.Json;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;
using Assistant.Engine.Identity;
using Assistant.Engine.Inbox;
using Assistant.Zendesk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Bridge;

/// <summary>
/// Chatwoot → Zendesk. Writes the transcript lines not yet mirrored to the conversation's ticket (creating it, with an
/// idempotency key, on the first), one comment per run of same-author lines: customers' words as public comments by
/// the requester, replies and notes as internal notes unless configured public. When the ticket's update budget is
/// nearly spent the rest goes as one note, and when it is spent the work waits. Resolved ↔ solved is synced.
/// </summary>
public sealed partial class ZendeskMirror(
    ConversationRepository conversations,
    TranscriptRepository transcript,
    BridgeRepository bridge,
    ZendeskClient zendesk,
    BridgeIdentity identity,
    IOptionsMonitor<ZendeskOptions> options,
    TimeProvider clock,
    ILogger<ZendeskMirror> logger) : IInboxEventHandler
{
    private const int MaxLinesPerFlush = 200;

    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(inboxEvent.Payload);
        var accountId = payload.RootElement.GetProperty("account_id").GetInt64();
        var conversationId = payload.RootElement.GetProperty("conversation_id").GetInt64();
        var conversation = await conversations.GetAsync(accountId, conversationId, cancellationToken)
            ?? throw new UnprocessableEventException($"Conversation {accountId}/{conversationId} is unknown.");
        var settings = options.CurrentValue;

        var link = await bridge.LinkAsync(accountId, conversationId, cancellationToken);
        var lines = await LinesToMirrorAsync(conversation, link, cancellationToken);
        // On a ticket that started in Zendesk the customer reads Zendesk, so the replies must be public there.
        var runs = CommentRun.Group(lines, settings.RepliesArePublic || link?.Origin == "zendesk");

        if (link is null)
        {
            if (runs.Count == 0)
            {
                return;
            }

            if (await bridge.IsOpeningAsync([.. lines.Where(l => l.Role == TranscriptRole.Customer).Select(l => l.Content!)], cancellationToken))
            {
                throw new EventDeferredException($"Conversation {accountId}/{conversationId} is being opened from a Zendesk ticket; waiting for its link.", TimeSpan.FromSeconds(2));
            }

            link = await CreateTicketAsync(conversation, runs[0], cancellationToken);
            runs = [.. runs.Skip(1)];
        }

        await WriteRunsAsync(link, runs, settings, cancellationToken);
        await SyncStatusAsync(link, conversation, cancellationToken);
    }

    private async Task<IReadOnlyList<TranscriptEntry>> LinesToMirrorAsync(ConversationState conversation, TicketLink? link, CancellationToken cancellationToken)
    {
        var lines = (await transcript.AfterAsync(conversation.AccountId, conversation.ConversationId, link?.MirroredThrough ?? 0, MaxLinesPerFlush, cancellationToken))
            .Where(l => l.Role != TranscriptRole.Template && !string.IsNullOrWhiteSpace(l.Content))
            .ToList();
        if (link is null || lines.Count == 0)
        {
            return lines;
        }

        // What the bridge itself brought from Zendesk must not go back: by message id, or by content while in flight.
        var bridged = await bridge.BridgedMessagesAsync([.. lines.Select(l => l.MessageId)], cancellationToken);
        var pending = await bridge.PendingIncomingHashesAsync(link.TicketId, cancellationToken);
        return [.. lines.Where(l => !bridged.Contains(l.MessageId) && !pending.Contains(BridgeRepository.Hash(l.Content!)))];
    }

    private async Task<TicketLink> CreateTicketAsync(ConversationState conversation, CommentRun first, CancellationToken cancellationToken, long? followUpOf = null)
    {
        var (accountId, conversationId) = (conversation.AccountId, conversation.ConversationId);
        var requester = await RequesterAsync(conversation, cancellationToken);
        var subject = first.Lines[0].Content!.ReplaceLineEndings(" ");
        subject = subject.Length > 80 ? subject[..77] + "..." : subject;
        var body = first.Body();
        var (ticketId, commentId) = await zendesk.CreateTicketAsync(subject, requester, ChatwootEnvelope.ConversationKey(accountId, conversationId),
            [.. options.CurrentValue.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            new ZendeskComment(body, first.Public, first.ByCustomer ? requester : null),
            followUpOf is { } closed ? $"chatwoot:{accountId}:{conversationId}:followup:{closed}" : $"chatwoot:{accountId}:{conversationId}",
            cancellationToken, followUpOf);
        var ledger = await bridge.RecordPendingAsync("to_zendesk", ticketId, body, cancellationToken);
        await bridge.RecordDoneAsync(ledger, commentId, null, cancellationToken);
        await bridge.RecordUpdateAsync(ticketId, cancellationToken);
        var link = new TicketLink(accountId, conversationId, ticketId, requester, first.LastId, null);
        await bridge.SaveLinkAsync(link, cancellationToken);
        Log.TicketCreated(logger, ticketId, accountId, conversationId);
        return link;
    }

    /// <summary>The contact's Zendesk user, found by its external id first so an existing user is never written to.</summary>
    private async Task<long> RequesterAsync(ConversationState conversation, CancellationToken cancellationToken)
    {
        var externalId = $"chatwoot-contact:{conversation.AccountId}:{conversation.ContactId}";
        if (await zendesk.FindUserByExternalIdAsync(externalId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var name = conversation.ContactName ?? conversation.ContactEmail ?? conversation.ContactPhone ?? $"Chatwoot contact {conversation.ContactId}";
        // Only the address the email channel received from: the contact's own email may be anyone's (a widget visitor
        // sets it, and Chatwoot merges contacts that share it).
        var proven = ChannelAddress.Of(conversation.Channel, conversation.ContactSourceId) is { Method: ContactVerification.Email } proof ? proof.Address : null;
        return await zendesk.CreateEndUserAsync(name, proven, externalId, cancellationToken);
    }

    private async Task WriteRunsAsync(TicketLink link, IReadOnlyList<CommentRun> runs, ZendeskOptions settings, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var used = await bridge.RecentUpdatesAsync(link.TicketId, clock.GetUtcNow().AddMinutes(-10), cancellationToken);
        var left = settings.MaxUpdatesPerTenMinutes - used;
        if (left <= 0)
        {
            throw new ZendeskBudgetException(link.TicketId);
        }

        // Keep one update in reserve for status changes and the next burst.
        if (runs.Count > left - 1)
        {
            await WriteAsync(link, CommentRun.Transcript(runs), isPublic: false, authorId: null, runs[^1].LastId, cancellationToken);
            RecordLag(runs[0]);
            return;
        }

        for (var i = 0; i < runs.Count; i++)
        {
            try
            {
                await WriteAsync(link, runs[i].Body(), runs[i].Public, runs[i].ByCustomer ? link.RequesterId : null, runs[i].LastId, cancellationToken);
                RecordLag(runs[i]);
            }
            catch (ZendeskTicketClosedException)
            {
                // A closed ticket takes no more comments: the conversation continues in a follow-up ticket.
                var conversation = await conversations.GetAsync(link.AccountId, link.ConversationId, cancellationToken)
                    ?? throw new UnprocessableEventException($"Conversation {link.AccountId}/{link.ConversationId} is unknown.");
                Log.FollowUp(logger, link.TicketId, link.AccountId, link.ConversationId);
                link = await CreateTicketAsync(conversation, runs[i], cancellationToken, followUpOf: link.TicketId);
            }
        }
    }

    /// <summary>How long the run's first line waited to reach Zendesk.</summary>
    private void RecordLag(CommentRun run) =>
        AssistantTelemetry.BridgeLag.Record(Math.Max(0, (clock.GetUtcNow() - run.Lines[0].SentAt).TotalSeconds));

    private async Task WriteAsync(TicketLink link, string body, bool isPublic, long? authorId, long through, CancellationToken cancellationToken)
    {
        // A comment has no idempotency key: when an earlier attempt may have reached Zendesk, look before writing again.
        if (await bridge.UnconfirmedAttemptAsync(link.TicketId, body, cancellationToken) is { } earlier)
        {
            var bridgeUser = await identity.UserIdAsync(cancellationToken);
            var stored = (await zendesk.RecentCommentsAsync(link.TicketId, cancellationToken))
                .FirstOrDefault(c => c.Body.Trim() == body.Trim() && (c.AuthorId == bridgeUser || c.AuthorId == authorId));
            if (stored is not null)
            {
                await bridge.RecordDoneAsync(earlier, stored.Id, null, cancellationToken);
                await bridge.MarkMirroredAsync(link.TicketId, through, cancellationToken);
                return;
            }
        }

        var ledger = await bridge.RecordPendingAsync("to_zendesk", link.TicketId, body, cancellationToken);
        var commentId = await zendesk.AddCommentAsync(link.TicketId, new ZendeskComment(body, isPublic, authorId), cancellationToken);
        await bridge.RecordDoneAsync(ledger, commentId, null, cancellationToken);
        await bridge.RecordUpdateAsync(link.TicketId, cancellationToken);
        await bridge.MarkMirroredAsync(link.TicketId, through, cancellationToken);
    }

    private async Task SyncStatusAsync(TicketLink link, ConversationState conversation, CancellationToken cancellationToken)
    {
        var wanted = conversation.Status == "resolved" ? "solved" : null;
        var current = (await bridge.LinkAsync(link.AccountId, link.ConversationId, cancellationToken))?.StatusSynced;
        if (wanted is not null && current != wanted)
        {
            await zendesk.SetStatusAsync(link.TicketId, wanted, cancellationToken);
            await bridge.RecordUpdateAsync(link.TicketId, cancellationToken);
            await bridge.SetStatusSyncedAsync(link.TicketId, wanted, cancellationToken);
        }
        else if (wanted is null && current == "solved" && conversation.Status is "open" or "pending")
        {
            await zendesk.SetStatusAsync(link.TicketId, "open", cancellationToken);
            await bridge.RecordUpdateAsync(link.TicketId, cancellationToken);
            await bridge.SetStatusSyncedAsync(link.TicketId, "open", cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Zendesk ticket {TicketId} is closed; conversation {AccountId}/{ConversationId} continues in a follow-up ticket.")]
        public static partial void FollowUp(ILogger logger, long ticketId, long accountId, long conversationId);

        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Created Zendesk ticket {TicketId} for conversation {AccountId}/{ConversationId}.")]
        public static partial void TicketCreated(ILogger logger, long ticketId, long accountId, long conversationId);
    }
}
