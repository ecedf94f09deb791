using System.Text.Json;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Conversations;
using Assistant.Engine.Hours;
using Assistant.Engine.Inbox;
using Assistant.Engine.Prompts;
using Assistant.Engine.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// Runs a scheduled turn: waits out a burst, checks with Chatwoot that the bot owns the conversation, shows typing,
/// lets the responder plan the answer, stores the plan, and carries it out. A retried turn resumes its stored plan,
/// so no customer message is answered twice.
/// </summary>
public sealed partial class TurnRunner(
    IServiceScopeFactory scopes,
    InboxCompletion completion,
    TranscriptRepository transcript,
    TurnRepository turns,
    ChatwootClient chatwoot,
    OwnershipGuard ownership,
    ActionExecutor executor,
    LastResortHandoff lastResort,
    PromptLibrary prompts,
    BusinessHours businessHours,
    Routing.HandoffRouter router,
    Identity.CustomerIdentityResolver identities,
    Lifecycle.LifecycleTurns lifecycle,
    Lifecycle.CsatPolicy csat,
    InboxRepository inbox,
    IOptionsMonitor<AssistantOptions> assistantOptions,
    IOptionsMonitor<HandoffOptions> handoffOptions,
    IOptionsMonitor<LlmOptions> llmOptions,
    IOptionsMonitor<InboxOptions> inboxOptions,
    TimeProvider clock,
    ILogger<TurnRunner> logger) : IInboxEventHandler
{
    private const int CustomerTextsForProof = 500;

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
            await (due.Purpose == TurnPurpose.Answer
                ? AnswerAsync(due, conversation, start, cancellationToken)
                : FollowAnswerAsync(due, conversation, start, cancellationToken));
        }
        catch (Exception ex) when (inboxEvent.Attempts >= inboxOptions.CurrentValue.MaxAttempts && !cancellationToken.IsCancellationRequested
            && ex is not (UnprocessableEventException or EventDeferredException) && due.Purpose == TurnPurpose.Answer)
        {
            await lastResort.HandOffAsync(conversation ?? ConversationState.New(due.AccountId, due.ConversationId), await InReplyToAsync(due), ex);
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
        async Task FinishAsync(string state, string outcome)
        {
            await TryTypingAsync(accountId, conversationId, false, CancellationToken.None);
            typingOff = true;
            await turns.FinishAsync(turn.Id, state, outcome, null, completesEvent ? completion : null, cancellationToken);
            TurnTelemetry.Finished(activity, outcome, clock.GetElapsedTime(startedAt));
        }

        try
        {
            if (turn.State == TurnState.Running)
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
                var planned = outsideWindow && await PlanOutsideWindowAsync(turn, conversation, cancellationToken);
                if (outsideWindow && !planned)
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
                if (!planned)
                {
                    var typingOn = TryTypingAsync(accountId, conversationId, true, cancellationToken);
                    try
                    {
                        await (turn.Purpose == TurnPurpose.Answer ? PlanAsync(turn, conversation, inputs, cancellationToken) : PlanFollowingAsync(turn, conversation, live.CanReply, cancellationToken));
                    }
                    finally
                    {
                        await typingOn;
                    }
                }
            }

            var steps = await executor.ExecuteAsync(turn.Id, conversation, cancellationToken);
            var outcome = steps is null ? TurnOutcome.NotOwner : Outcome(steps);
            await FinishAsync(TurnState.Done, outcome);
            Log.Finished(logger, accountId, conversationId, outcome);
            if (outcome == TurnOutcome.Answered && turn.Purpose == TurnPurpose.Answer)
            {
                await SetTimersAsync(turn, conversation, steps!);
            }
        }
        finally
        {
            // Typing is switched off whatever happened, even when it was switched on by an earlier attempt.
            if (!typingOff)
            {
                await TryTypingAsync(accountId, conversationId, false, CancellationToken.None);
            }
        }
    }

    private async Task PlanAsync(TurnRecord turn, ConversationState conversation, IReadOnlyList<PendingInput>? knownInputs, CancellationToken cancellationToken)
    {
        var promptSet = prompts.Current;
        // One read serves both the model's history and the customer's recent words (the proof for the access rule).
        var historyLength = llmOptions.CurrentValue.MaxHistoryMessages;
        var recent = await transcript.RecentAsync(conversation.AccountId, conversation.ConversationId, Math.Max(historyLength, CustomerTextsForProof), cancellationToken);
        var history = recent.TakeLast(historyLength).ToList();
        var customerTexts = recent.TakeLast(CustomerTextsForProof)
            .Where(e => e.Role == TranscriptRole.Customer && e.Content is not null).Select(e => e.Content!).ToList();

        var inputs = knownInputs ?? await turns.InputsOfAsync(conversation.AccountId, conversation.ConversationId, turn, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TurnContext>();
        var newInputs = inputs.Where(i => i.Content is not null).Select(i => i.Content!).ToList();
        // The customer's own words decide the reply's language; the widget's setting only when they say too little.
        var language = LanguageDetector.Detect(string.Join('\n', newInputs)) ?? conversation.Language;
        var identity = await identities.ResolveAsync(conversation, cancellationToken);
        context.Begin(conversation, identity, customerTexts, newInputs, promptSet.Locales.For(language).Language, turn.InReplyTo);
        var metrics = await scope.ServiceProvider.GetRequiredService<ITurnResponder>().RespondAsync(context, history, cancellationToken);
        var (afterHours, target) = context.Plan.Handoff is { } handoff
            ? (await businessHours.AfterHoursAsync(conversation.AccountId, conversation.InboxId, cancellationToken),
               await router.RouteAsync(conversation, HandoffReason.Normalize(handoff.Reason), context.Language, cancellationToken))
            : (null, null);
        var askCsat = context.Plan is { Resolve: true, Handoff: null } && await csat.AskAfterResolveAsync(conversation, cancellationToken);
        var actions = PlanCompiler.Compile(context.Plan, context, handoffOptions.CurrentValue, promptSet, afterHours, target, askCsat);
        var plan = PlanFacts.Of(metrics, llmOptions.CurrentValue, context.Plan.Handoff, afterHours);
        await turns.SavePlanAsync(turn.Id, actions, plan, cancellationToken);
        TurnTelemetry.Planned(plan);
    }

    private async Task PlanFollowingAsync(TurnRecord turn, ConversationState conversation, bool canReply, CancellationToken cancellationToken)
    {
        var (actions, metrics) = await lifecycle.PlanAsync(turn, conversation, canReply, cancellationToken);
        await turns.SavePlanAsync(turn.Id, actions, PlanFacts.Of(metrics, llmOptions.CurrentValue, null, null), cancellationToken);
    }

    /// <summary>
    /// WhatsApp's 24-hour window has closed (Chatwoot's <c>can_reply</c>): plans the configured template instead of
    /// the turn's own messages; false when there is none, and the turn sends nothing.
    /// </summary>
    private async Task<bool> PlanOutsideWindowAsync(TurnRecord turn, ConversationState conversation, CancellationToken cancellationToken)
    {
        if (lifecycle.WindowTemplate(conversation) is not { } template)
        {
            return false;
        }

        await turns.SavePlanAsync(turn.Id, template, PlanFacts.Of(Lifecycle.LifecycleTurns.NoModel, llmOptions.CurrentValue, null, null), cancellationToken);
        return true;
    }

    /// <summary>The follow-up and resolve an answer asks for; losing them (a crash just now) costs a courtesy, not an answer.</summary>
    private async Task SetTimersAsync(TurnRecord turn, ConversationState conversation, IReadOnlyList<StoredAction> steps)
    {
        var timers = lifecycle.TimersAfter(turn, conversation, steps);
        try
        {
            foreach (var timer in timers)
            {
                await inbox.TryAddAsync(timer, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            Log.TimersLost(logger, ex, conversation.AccountId, conversation.ConversationId);
        }
    }

    private static string Outcome(IReadOnlyList<StoredAction> actions) =>
        actions.Any(a => a.Action is { Kind: PlannedAction.StatusKind, Status: "open" }) ? TurnOutcome.HandedOff
        : actions.Any(a => a.Action is { Kind: PlannedAction.StatusKind, Status: "resolved" }) ? TurnOutcome.Resolved
        : actions.Any(a => a.State == StepState.Done && a.Action.Kind == PlannedAction.MessageKind) ? TurnOutcome.Answered
        : TurnOutcome.Silent;

    private async Task TryTypingAsync(long accountId, long conversationId, bool on, CancellationToken cancellationToken)
    {
        try
        {
            await chatwoot.ToggleTypingAsync(accountId, conversationId, on, cancellationToken);
        }
        catch (ChatwootApiException ex)
        {
            // Typing is a courtesy: never worth failing or delaying a turn over.
            Log.TypingFailed(logger, ex, accountId, conversationId);
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

        [LoggerMessage(EventId = 715, Level = LogLevel.Warning, Message = "Could not set the follow-up or resolve timers of {AccountId}/{ConversationId}.")]
        public static partial void TimersLost(ILogger logger, Exception exception, long accountId, long conversationId);

        [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "Could not toggle typing in {AccountId}/{ConversationId}.")]
        public static partial void TypingFailed(ILogger logger, Exception exception, long accountId, long conversationId);
    }
}
