using System.Text.Json;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Inbox;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Engine.Conversations;

/// <summary>Folds each stored Chatwoot event into the conversation's state and transcript, in one transaction.</summary>
public sealed partial class ChatwootEventHandler(
    NpgsqlDataSource dataSource,
    ConversationRepository conversations,
    TranscriptRepository transcript,
    TurnScheduler turns,
    IEnumerable<IConversationMirror> mirrors,
    IOptionsMonitor<ChatwootOptions> chatwootOptions,
    ILogger<ChatwootEventHandler> logger) : IInboxEventHandler
{
    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        ChatwootWebhookEvent parsed;
        try
        {
            parsed = ChatwootEventParser.Parse(inboxEvent.Payload, chatwootOptions.CurrentValue.AccountId);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // Parsing is deterministic: a payload that fails once fails every time, so it must not hold up its conversation.
            throw new UnprocessableEventException($"Unreadable {inboxEvent.EventName} payload: {ex.Message}", ex);
        }

        switch (parsed)
        {
            case MessageEvent message:
                await HandleMessageAsync(message, inboxEvent.ReceivedAt, cancellationToken);
                break;
            case ConversationEvent conversation:
                await UpdateConversationAsync(parsed.AccountId, conversation.Conversation, cancellationToken);
                break;
            case WidgetTriggeredEvent { Conversation: { } current }:
                await UpdateConversationAsync(parsed.AccountId, current, cancellationToken);
                break;
            default:
                Log.Ignored(logger, inboxEvent.Id, parsed.EventName);
                break;
        }
    }

    private async Task HandleMessageAsync(MessageEvent messageEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var message = messageEvent.Message;
        var role = TranscriptClassifier.RoleOf(message);
        var isSubmission = TranscriptClassifier.IsSubmission(messageEvent);
        var accountId = messageEvent.AccountId;
        var conversationId = messageEvent.Conversation.Id;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await conversations.GetForUpdateAsync(accountId, conversationId, connection, transaction, cancellationToken);
        var state = role == TranscriptRole.Customer || isSubmission
            ? before.ApplyCustomerMessage(messageEvent.Conversation)
            : before.Apply(messageEvent.Conversation);

        await conversations.SaveAsync(state, connection, transaction, cancellationToken);

        if (role is { } r)
        {
            var entry = new TranscriptEntry(accountId, conversationId, message.Id, TranscriptEntry.MessageKind, r,
                MessageText.Compose(message.Content, message.Attachments), message.ContentType, message.ContentAttributes.GetRawText(),
                message.Sender.Id, message.InReplyTo, message.CreatedAt, AttachmentLinks: MessageText.Links(message.Attachments));
            var id = await transcript.UpsertAsync(entry, connection, transaction, cancellationToken);
            await MirrorAsync(mirrors, accountId, conversationId, $"line:{id}", connection, transaction, cancellationToken);
            if (r == TranscriptRole.Customer && messageEvent.EventName == ChatwootEvents.MessageCreated && state.Ownership == Ownership.Bot)
            {
                await turns.ScheduleAsync(accountId, conversationId, id, connection, transaction, cancellationToken);
            }
        }

        if (isSubmission)
        {
            var submission = new TranscriptEntry(accountId, conversationId, message.Id, TranscriptEntry.SubmissionKind, TranscriptRole.Customer,
                TranscriptClassifier.DescribeSubmission(message), message.ContentType, message.ContentAttributes.GetRawText(),
                messageEvent.Conversation.Contact.Id, message.Id, receivedAt);
            var id = await transcript.UpsertAsync(submission, connection, transaction, cancellationToken);
            await MirrorAsync(mirrors, accountId, conversationId, $"line:{id}", connection, transaction, cancellationToken);
            if (state.Ownership == Ownership.Bot)
            {
                await turns.ScheduleAsync(accountId, conversationId, id, connection, transaction, cancellationToken);
            }
        }

        // The transcript line and its turn are stored together, or neither is and the event is retried. A conversation
        // a human owns gets no turn at all; the turn itself re-checks with Chatwoot for changes since this payload.
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task UpdateConversationAsync(long accountId, ConversationSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await conversations.GetForUpdateAsync(accountId, snapshot.Id, connection, transaction, cancellationToken);
        var after = before.Apply(snapshot);
        await conversations.SaveAsync(after, connection, transaction, cancellationToken);
        if (after.Status != before.Status)
        {
            // Resolved ↔ solved: the mirror carries status changes to the ticket too.
            await MirrorAsync(mirrors, accountId, snapshot.Id, $"status:{after.Status}:{after.SourceUpdatedAt}", connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task MirrorAsync(
        IEnumerable<IConversationMirror> mirrors, long accountId, long conversationId, string reason,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var mirror in mirrors)
        {
            await mirror.ScheduleAsync(accountId, conversationId, reason, connection, transaction, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Inbox event {InboxEventId} ({EventName}) needs nothing from the assistant.")]
        public static partial void Ignored(ILogger logger, long inboxEventId, string eventName);
    }
}
