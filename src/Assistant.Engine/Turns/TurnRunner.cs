using System.Text.Json;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Engine.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// Runs a scheduled turn: waits out a burst, checks with Chatwoot that the bot owns the conversation, shows typing,
/// has the <see cref="TurnPlanner"/> plan and store the answer, and the <see cref="TurnDelivery"/> carry it out. A
/// retried turn resumes its stored plan, so no customer message is answered twice.
/// </summary>
internal sealed partial class TurnRunner(
    InboxCompletion completion,
    TurnRepository turns,
    OwnershipGuard ownership,
    TurnPlanner planner,
    TurnDelivery delivery,
    TypingIndicator typing,
    LastResortHandoff lastResort,
    Lifecycle.LifecycleTurns lifecycle,
    IOptionsMonitor<AssistantOptions> assistantOptions,
    IOptionsMonitor<InboxOptions> inboxOptions,
    TimeProvider clock,
    ILogger<TurnRunner> logger) : IInboxEventHandler
{
    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        var due = JsonSerializer.Deserialize(inboxEvent.Payload, TurnJsonContext.Default.TurnDue)
            ?? throw new UnprocessableEventException("A turn event has no payload.");
        ConversationState? conversation = null;
        try
        {
            var start = await turns.StartingPointAsync(due.AccountId, due.ConversationId, cancellationToken);
            conversation = start.Conversation
                ?? throw new UnprocessableEventException($"Conversation {due.AccountId}/{due.ConversationId} is unknown.");
            await (due.Purpose == TurnPurpose.Answer ? AnswerAsync(due, conversation, start, cancellationToken)
                : TurnPurpose.IsDecision(due.Purpose) ? DecideAsync(due, conversation, start, cancellationToken)
                : FollowAnswerAsync(due, conversation, start, cancellationToken));
        }
        catch (Exception ex) when (inboxEvent.Attempts >= inboxOptions.CurrentValue.MaxAttempts && !cancellationToken.IsCancellationRequested
            && ex is not (UnprocessableEventException or EventDeferredException) && (due.Purpose == TurnPurpose.Answer || TurnPurpose.IsDecision(due.Purpose)))
        {
            conversation ??= ConversationState.New(due.AccountId, due.ConversationId);
            await (due.Purpose == TurnPurpose.Answer
                ? lastResort.HandOffAsync(conversation, await InReplyToAsync(due), ex)
                : lastResort.NoteFailedDecisionAsync(conversation, due.Purpose, ex));
            throw;
        }
    }

    private async Task AnswerAsync(TurnDue due, ConversationState conversation, TurnStart start, CancellationToken cancellationToken)
    {
        var pending = start.Pending;
        // A turn an earlier attempt started (and perhaps half carried out) is finished first, never started afresh;
        // inputs recorded while it ran are then read again.
        if (start.Unfinished is { } unfinished)
        {
            await RunAsync(unfinished, conversation, completesEvent: false, cancellationToken);
            pending = await turns.UnansweredAsync(due.AccountId, due.ConversationId, cancellationToken);
        }

        if (pending.Count == 0 || ShouldWaitForBurst(pending, due))
        {
            Log.NothingDue(logger, due.AccountId, due.ConversationId);
            return;
        }

        if (BurstPolicy.TranscriptWait(pending, clock.GetUtcNow(), assistantOptions.CurrentValue.VoiceTranscriptWait) is { } wait)
        {
            throw new EventDeferredException("A voice note's transcript may still come; the turn waits for it.", wait);
        }

        var newest = pending[^1];
        var turn = await turns.StartAsync(due.AccountId, due.ConversationId, newest.Id, newest.MessageId, cancellationToken);
        // A turn started just now answers exactly the inputs read above; only a resumed turn reads its own again.
        await RunAsync(turn, conversation, completesEvent: true, cancellationToken, turn.LastInputId == newest.Id ? pending : null);
    }

    /// <summary>A follow-up or resolve an answer's timer asked for, when it still applies (nobody wrote since, no handoff).</summary>
    private async Task FollowAnswerAsync(TurnDue due, ConversationState conversation, TurnStart start, CancellationToken cancellationToken)
    {
        if (start.Unfinished is { } unfinished)
        {
            await RunAsync(unfinished, conversation, completesEvent: false, cancellationToken);
            start = start with { Pending = await turns.UnansweredAsync(due.AccountId, due.ConversationId, cancellationToken) };
        }

        if (!await lifecycle.StillDueAsync(due, start, cancellationToken))
        {
            Log.NothingDue(logger, due.AccountId, due.ConversationId);
            return;
        }

        var turn = await turns.StartAsync(due.AccountId, due.ConversationId, due.InputId, null, cancellationToken, due.Purpose);
        if (turn.State is TurnState.Running or TurnState.Planned)
        {
            await RunAsync(turn, conversation, completesEvent: true, cancellationToken);
        }
    }

    /// <summary>
    /// A person's approval or rejection of an order action. Keyed on the newest input answered (the customer's
    /// confirmation), so a label taken off and put back decides nothing twice.
    /// </summary>
    private async Task DecideAsync(TurnDue due, ConversationState conversation, TurnStart start, CancellationToken cancellationToken)
    {
        if (start.Unfinished is { } unfinished)
        {
            await RunAsync(unfinished, conversation, completesEvent: false, cancellationToken);
        }

        if (await turns.LastAnswerAsync(due.AccountId, due.ConversationId, cancellationToken) is not { } last)
        {
            Log.NothingDue(logger, due.AccountId, due.ConversationId);
            return;
        }

        var turn = await turns.StartAsync(due.AccountId, due.ConversationId, last.LastInputId, null, cancellationToken, due.Purpose);
        if (turn.State is TurnState.Running or TurnState.Planned)
        {
            await RunAsync(turn, conversation, completesEvent: true, cancellationToken);
        }
    }

    /// <summary>The newest unanswered customer message, when the database can still say which it is.</summary>
    private async Task<long?> InReplyToAsync(TurnDue due)
    {
        try
        {
            if (await turns.UnfinishedAsync(due.AccountId, due.ConversationId, CancellationToken.None) is { } started)
            {
                return started.InReplyTo;
            }

            return (await turns.UnansweredAsync(due.AccountId, due.ConversationId, CancellationToken.None)) is { Count: > 0 } pending ? pending[^1].MessageId : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private bool ShouldWaitForBurst(IReadOnlyList<PendingInput> pending, TurnDue due) =>
        BurstPolicy.WaitsForBurst(pending, due.InputId, clock.GetUtcNow(), TimeSpan.FromMilliseconds(assistantOptions.CurrentValue.MaxDebounceMs));

    /// <param name="completesEvent">
    /// Whether the turn's finish also completes the inbox event (<see cref="InboxCompletion"/>): only the last thing the
    /// handler does may, since the conversation's next turn can start once it commits.
    /// </param>
    private async Task RunAsync(
        TurnRecord turn, ConversationState conversation, bool completesEvent, CancellationToken cancellationToken, IReadOnlyList<PendingInput>? inputs = null)
    {
        var (accountId, conversationId) = (conversation.AccountId, conversation.ConversationId);
        using var activity = TurnTelemetry.Start(turn, conversation);
        var startedAt = clock.GetTimestamp();
        var typingOff = false;
        // Typing goes off before the finish commits, so the conversation's next turn cannot switch it on in between.
        async Task FinishAsync(string state, string outcome, IReadOnlyList<NewInboxEvent>? timers = null)
        {
            await typing.TryAsync(accountId, conversationId, false, CancellationToken.None);
            typingOff = true;
            await turns.FinishAsync(turn.Id, state, outcome, null, completesEvent ? completion : null, cancellationToken, timers);
            TurnTelemetry.Finished(activity, outcome, clock.GetElapsedTime(startedAt));
        }

        // The plan this attempt stored; null when resuming one stored before, which the delivery reads back.
        IReadOnlyList<StoredAction>? plan = null;
        try
        {
            if (turn.State == TurnState.Running && TurnPurpose.IsDecision(turn.Purpose))
            {
                // People hold the conversation and asked for this with their label: no ownership check, no typing.
                plan = await planner.PlanDecisionAsync(turn, conversation, cancellationToken);
            }
            else if (turn.State == TurnState.Running)
            {
                if (await ownership.BotsConversationAsync(conversation, cancellationToken) is not { } live)
                {
                    Log.NotOwner(logger, accountId, conversationId);
                    await FinishAsync(TurnState.Skipped, TurnOutcome.NotOwner);
                    return;
                }

                // Outside WhatsApp's window a resolve still resolves (its plan leaves out the messages); anything else
                // that would speak becomes the configured template, or nothing.
                var outsideWindow = !live.CanReply && turn.Purpose != TurnPurpose.Resolve;
                plan = outsideWindow ? await planner.PlanOutsideWindowAsync(turn, conversation, cancellationToken) : null;
                if (outsideWindow && plan is null)
                {
                    Log.OutsideWindow(logger, accountId, conversationId);
                    await FinishAsync(TurnState.Skipped, TurnOutcome.OutsideWindow);
                    return;
                }

                // A store-signed identity the site set a moment ago may not have reached us as a webhook yet.
                conversation = conversation with
                {
                    StoreIdentity = live.StoreIdentity ?? conversation.StoreIdentity,
                    HmacVerified = conversation.HmacVerified || live.HmacVerified,
                };

                // Typing goes on while the model thinks instead of before it: one Chatwoot round trip off every turn.
                // It is sent before any reply, and before the typing-off below.
                if (plan is null)
                {
                    var typingOn = typing.TryAsync(accountId, conversationId, true, cancellationToken);
                    try
                    {
                        plan = await (turn.Purpose == TurnPurpose.Answer ? planner.PlanAnswerAsync(turn, conversation, inputs, cancellationToken) : planner.PlanFollowingAsync(turn, conversation, live.CanReply, cancellationToken));
                    }
                    finally
                    {
                        await typingOn;
                    }
                }
            }

            var (steps, outcome) = await delivery.DeliverAsync(turn.Id, conversation, plan, cancellationToken);
            // An answer's follow-up and resolve timers commit with its finish: never lost to a crash in between, and
            // never missing once the finish is visible.
            var timers = outcome == TurnOutcome.Answered && turn.Purpose == TurnPurpose.Answer ? lifecycle.TimersAfter(turn, conversation, steps!) : null;
            await FinishAsync(TurnState.Done, outcome, timers);
            Log.Finished(logger, accountId, conversationId, outcome);
        }
        finally
        {
            // Typing is switched off whatever happened, even when it was switched on by an earlier attempt.
            if (!typingOff)
            {
                await typing.TryAsync(accountId, conversationId, false, CancellationToken.None);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 710, Level = LogLevel.Debug, Message = "No turn due for {AccountId}/{ConversationId}: nothing unanswered, or a later turn takes the burst.")]
        public static partial void NothingDue(ILogger logger, long accountId, long conversationId);

        [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Conversation {AccountId}/{ConversationId} is not the bot's; the turn is skipped.")]
        public static partial void NotOwner(ILogger logger, long accountId, long conversationId);

        [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "Turn for {AccountId}/{ConversationId} finished: {Outcome}.")]
        public static partial void Finished(ILogger logger, long accountId, long conversationId, string outcome);

        [LoggerMessage(EventId = 714, Level = LogLevel.Information, Message = "WhatsApp's 24-hour window has closed in {AccountId}/{ConversationId} and no template is configured: the turn sends nothing.")]
        public static partial void OutsideWindow(ILogger logger, long accountId, long conversationId);

    }
}
