using System.Text.Json;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Engine.Conversations;

/// <summary>
/// Folds each stored Chatwoot event into the conversation's state and transcript, in one transaction that also completes
/// the event: three round trips with the claim (<see cref="ConversationChange"/>).
/// </summary>
internal sealed partial class ChatwootEventHandler(
    NpgsqlDataSource dataSource,
    TurnScheduler turns,
    IEnumerable<IConversationMirror> mirrors,
    InboxCompletion completion,
    Routing.HandoffRouter router,
    ChatwootClient chatwoot,
    IOptionsMonitor<ChatwootOptions> chatwootOptions,
    IOptionsMonitor<HandoffOptions> handoffOptions,
    IOptionsMonitor<Actions.ActionOptions> actionOptions,
    TimeProvider clock,
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
                return;
        }

        await RetryAssignmentAsync(parsed, cancellationToken);
    }

    /// <summary>
    /// An assignment Chatwoot refused is tried again on the conversation's next event. The event is already complete:
    /// a failure here is logged and left for the event after.
    /// </summary>
    private async Task RetryAssignmentAsync(ChatwootWebhookEvent parsed, CancellationToken cancellationToken)
    {
        var conversationId = parsed switch
        {
            MessageEvent message => message.Conversation.Id,
            ConversationEvent conversation => conversation.Conversation.Id,
            WidgetTriggeredEvent { Conversation: { } current } => current.Id,
            _ => (long?)null,
        };
        if (conversationId is not { } id)
        {
            return;
        }

        try
        {
            await router.RetryFailedAsync(parsed.AccountId, id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AssignmentRetryFailed(logger, ex, parsed.AccountId, id);
        }
    }

    private async Task HandleMessageAsync(MessageEvent messageEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var message = messageEvent.Message;
        var role = TranscriptClassifier.RoleOf(message);
        var isSubmission = TranscriptClassifier.IsSubmission(messageEvent);
        var accountId = messageEvent.AccountId;
        var conversationId = messageEvent.Conversation.Id;

        // Lines and whether each may start a turn (given the bot owns the conversation once this event is folded in).
        var lines = new List<(TranscriptEntry Entry, bool StartsTurn)>();
        if (role is { } r)
        {
            lines.Add((new TranscriptEntry(accountId, conversationId, message.Id, TranscriptEntry.MessageKind, r,
                MessageText.Compose(message.Content, message.Attachments), message.ContentType, message.ContentAttributes.GetRawText(),
                message.Sender.Id, message.InReplyTo, message.CreatedAt, AttachmentLinks: MessageText.Links(message.Attachments)),
                r == TranscriptRole.Customer && messageEvent.EventName == ChatwootEvents.MessageCreated));
        }

        if (isSubmission)
        {
            lines.Add((new TranscriptEntry(accountId, conversationId, message.Id, TranscriptEntry.SubmissionKind, TranscriptRole.Customer,
                TranscriptClassifier.DescribeSubmission(message), message.ContentType, message.ContentAttributes.GetRawText(),
                messageEvent.Conversation.Contact.Id, message.Id, receivedAt), true));
        }

        await using var change = await ConversationChange.BeginAsync(
            dataSource, accountId, conversationId, [.. lines.Select(l => l.Entry)], cancellationToken);
        // Only a new customer message reopens a resolved conversation, as in Chatwoot (Message#reopen_conversation runs
        // on create): an edit, a delivery receipt or a late click on an old form must not, nor reopen its solved ticket.
        var state = role == TranscriptRole.Customer && messageEvent.EventName == ChatwootEvents.MessageCreated
            ? change.Before.ApplyCustomerMessage(messageEvent.Conversation)
            : change.Before.Apply(messageEvent.Conversation);
        // In an Agent Bot inbox Chatwoot leaves a conversation pending after a person's reply: the bot notices itself.
        var takenOver = messageEvent.EventName == ChatwootEvents.MessageCreated && TranscriptClassifier.IsPersonReply(message)
            && state.Ownership == Ownership.Bot;
        if (takenOver)
        {
            state = state.TakenByPeople();
        }

        var handBack = state.HandBackFrom(change.Before, handoffOptions.CurrentValue.HandBackLabel);
        state = handBack == HandBack.None ? state : state.HandedBack(clock.GetUtcNow());

        ConversationRepository.AddSave(change.Writes, state);
        DecisionSchedule.Add(change.Writes, change.Before, state, actionOptions.CurrentValue, clock.GetUtcNow());
        if (Lifecycle.CsatResponse.From(messageEvent) is { } rating)
        {
            Lifecycle.CsatResponses.AddRecord(change.Writes, accountId, conversationId, rating);
        }

        foreach (var ((_, startsTurn), id) in lines.Zip(change.LineIds))
        {
            Mirror(change.Writes, accountId, conversationId, $"line:{id}");
            if (startsTurn && state.Ownership == Ownership.Bot)
            {
                turns.Schedule(change.Writes, accountId, conversationId, id);
            }
        }

        // The transcript lines, their turns and the event's completion are stored together, or none is and the event
        // is retried. A conversation a human owns gets no turn at all; the turn itself re-checks with Chatwoot for
        // changes since this payload.
        await change.CommitAsync(completion, cancellationToken);
        await FollowUpInChatwootAsync(state, takenOver, handBack);
    }

    /// <summary>
    /// What Chatwoot should show after the event, best effort: the local state already decides who speaks, so a
    /// failure here is logged, not retried. A person's reply opens the conversation (<c>Handoff__OpenOnHumanReply</c>),
    /// so it is in the agents' queue; a hand-back by label sets it pending and takes the label off for next time.
    /// </summary>
    private async Task FollowUpInChatwootAsync(ConversationState state, bool takenOver, HandBack handBack)
    {
        var settings = handoffOptions.CurrentValue;
        try
        {
            if (takenOver && settings.OpenOnHumanReply && state.Status == "pending")
            {
                await chatwoot.ToggleStatusAsync(state.AccountId, state.ConversationId, ConversationStatus.Open, CancellationToken.None);
                Log.OpenedForPeople(logger, state.AccountId, state.ConversationId);
            }

            if (handBack == HandBack.ByLabel && settings.HandBackLabel is { } label)
            {
                await chatwoot.ToggleStatusAsync(state.AccountId, state.ConversationId, ConversationStatus.Pending, CancellationToken.None);
                await chatwoot.RemoveLabelAsync(state.AccountId, state.ConversationId, label, CancellationToken.None);
            }
        }
        catch (ChatwootApiException ex)
        {
            Log.FollowUpFailed(logger, ex, state.AccountId, state.ConversationId);
        }

        if (handBack != HandBack.None)
        {
            Log.HandedBack(logger, state.AccountId, state.ConversationId, handBack);
        }
    }

    private async Task UpdateConversationAsync(long accountId, ConversationSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var change = await ConversationChange.BeginAsync(dataSource, accountId, snapshot.Id, [], cancellationToken);
        var after = change.Before.Apply(snapshot);
        var handBack = after.HandBackFrom(change.Before, handoffOptions.CurrentValue.HandBackLabel);
        after = handBack == HandBack.None ? after : after.HandedBack(clock.GetUtcNow());
        ConversationRepository.AddSave(change.Writes, after);
        DecisionSchedule.Add(change.Writes, change.Before, after, actionOptions.CurrentValue, clock.GetUtcNow());
        if (after.Status != change.Before.Status)
        {
            // Resolved ↔ solved: the mirror carries status changes to the ticket too.
            Mirror(change.Writes, accountId, snapshot.Id, $"status:{after.Status}:{after.SourceUpdatedAt}");
        }

        await change.CommitAsync(completion, cancellationToken);
        await FollowUpInChatwootAsync(after, takenOver: false, handBack);
    }

    private void Mirror(SqlBatch batch, long accountId, long conversationId, string reason)
    {
        foreach (var mirror in mirrors)
        {
            mirror.Schedule(batch, accountId, conversationId, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Inbox event {InboxEventId} ({EventName}) needs nothing from the assistant.")]
        public static partial void Ignored(ILogger logger, long inboxEventId, string eventName);

        [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "A person replied in {AccountId}/{ConversationId}: the conversation is open for the team, and the bot stays silent.")]
        public static partial void OpenedForPeople(ILogger logger, long accountId, long conversationId);

        [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Could not update {AccountId}/{ConversationId} in Chatwoot after a person's reply or hand-back; the bot's silence or turn does not depend on it.")]
        public static partial void FollowUpFailed(ILogger logger, Exception exception, long accountId, long conversationId);

        [LoggerMessage(EventId = 209, Level = LogLevel.Information, Message = "Conversation {AccountId}/{ConversationId} was handed back to the bot ({How}).")]
        public static partial void HandedBack(ILogger logger, long accountId, long conversationId, HandBack how);

        [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Retrying the refused assignment of {AccountId}/{ConversationId} failed; the next event tries again.")]
        public static partial void AssignmentRetryFailed(ILogger logger, Exception exception, long accountId, long conversationId);
    }
}
