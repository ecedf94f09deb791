using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// Carries out a stored plan, step by step, each step at most once: a step is marked attempted before its call and
/// done after. A message whose call failed ambiguously (an error response, or the process died mid-call) is confirmed by
/// Chatwoot's echo of it, or by Chatwoot's message history when a user token allows reading it, before it is ever sent again.
/// </summary>
internal sealed partial class ActionExecutor(
    ChatwootClient chatwoot,
    ChatwootUserClient chatwootUsers,
    IOptionsMonitor<ChatwootOptions> chatwootOptions,
    TurnRepository turns,
    OwnershipGuard ownership,
    Routing.AssignmentRepository assignments,
    IOptionsMonitor<AssistantOptions> options,
    TimeProvider clock,
    ILogger<ActionExecutor> logger)
{
    private static readonly TimeSpan HistoryClockSkew = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EchoPoll = TimeSpan.FromSeconds(1);

    // Time for Chatwoot to commit a message whose response was lost before its history is asked.
    private static readonly TimeSpan HistoryGrace = TimeSpan.FromSeconds(1);

    /// <param name="plan">
    /// The plan this attempt just stored (none of it attempted, so nothing to read back); null when resuming, and the
    /// steps' states are read from the turn's record.
    /// </param>
    /// <returns>The plan's steps as they ended; <c>null</c> when a human took over before the plan was finished.</returns>
    public async Task<IReadOnlyList<StoredAction>?> ExecuteAsync(
        long turnId, ConversationState conversation, IReadOnlyList<StoredAction>? plan, CancellationToken cancellationToken)
    {
        var (accountId, conversationId) = (conversation.AccountId, conversation.ConversationId);
        var steps = (plan ?? await turns.ActionsAsync(turnId, cancellationToken)).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.State is StepState.Done or StepState.Dropped)
            {
                continue;
            }

            var action = step.Action;
            if (step.State == StepState.Attempted && action.Kind == PlannedAction.MessageKind)
            {
                if (await ConfirmedByEchoAsync(turnId, step, conversation, cancellationToken))
                {
                    steps[i] = step with { State = StepState.Done };
                    continue;
                }
            }

            if (action.RequiresOwnership && !await ownership.IsBotsAsync(conversation, cancellationToken))
            {
                Log.HumanTookOver(logger, accountId, conversationId);
                await turns.DropPendingAsync(turnId, cancellationToken);
                return null;
            }

            await turns.SetActionStateAsync(turnId, step.Seq, StepState.Attempted, null, cancellationToken);
            long? messageId;
            try
            {
                messageId = await RunAsync(action, accountId, conversationId, cancellationToken);
            }
            catch (ChatwootApiException ex) when (ex.StatusCode is null && ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                // Nothing reached Chatwoot: the step is plainly still to do.
                await turns.SetActionStateAsync(turnId, step.Seq, StepState.Pending, null, CancellationToken.None);
                throw;
            }
            catch (ChatwootApiException ex) when (ex.StatusCode is { } status && (int)status is >= 400 and < 500 and not 408 and not 429)
            {
                // Chatwoot refused the step itself (422, 404): repeating it cannot help; the rest of the plan goes on.
                Log.StepRefused(logger, ex, step.Seq, action.Kind, accountId, conversationId);
                await turns.SetActionStateAsync(turnId, step.Seq, StepState.Dropped, null, CancellationToken.None);
                steps[i] = step with { State = StepState.Dropped };
                await RecordAssignmentAsync(action, accountId, conversationId, Routing.AssignmentState.Failed);
                continue;
            }

            await turns.SetActionStateAsync(turnId, step.Seq, StepState.Done, messageId, CancellationToken.None);
            steps[i] = step with { State = StepState.Done };
            await RecordAssignmentAsync(action, accountId, conversationId, Routing.AssignmentState.Assigned);
        }

        return steps;
    }

    /// <summary>How an agent assignment ended, for the sticky agent and the retry of a refused one.</summary>
    private Task RecordAssignmentAsync(PlannedAction action, long accountId, long conversationId, string state) =>
        action is { Kind: PlannedAction.AssignAgentKind, Id: { } agent }
            ? assignments.MarkAsync(accountId, conversationId, agent, state, CancellationToken.None)
            : Task.CompletedTask;

    /// <summary>
    /// Runs steps without recording them, each one whatever became of the one before: the last resort when the turn's
    /// own storage or pipeline has failed for good and a word to the customer is worth more than exactly-once.
    /// </summary>
    public async Task RunBestEffortAsync(IReadOnlyList<PlannedAction> actions, ConversationState conversation)
    {
        foreach (var action in actions)
        {
            try
            {
                await RunAsync(action, conversation.AccountId, conversation.ConversationId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Log.BestEffortStepFailed(logger, ex, action.Kind, conversation.AccountId, conversation.ConversationId);
            }
        }
    }

    private async Task<bool> ConfirmedByEchoAsync(long turnId, StoredAction step, ConversationState conversation, CancellationToken cancellationToken)
    {
        var attemptedAt = step.AttemptedAt ?? clock.GetUtcNow();
        var echo = await turns.FindBotEchoAsync(conversation.AccountId, conversation.ConversationId, step.Action.Content!, attemptedAt, cancellationToken);
        if (echo is not null)
        {
            await turns.SetActionStateAsync(turnId, step.Seq, StepState.Done, echo, cancellationToken);
            return true;
        }

        // With a user token the message history is the authority: after a short grace it says at once whether the
        // answer was stored, so a customer waits seconds, not the echo wait, for an answer whose POST failed.
        var waited = clock.GetUtcNow() - attemptedAt;
        if (!string.IsNullOrWhiteSpace(chatwootOptions.CurrentValue.UserToken))
        {
            if (waited < HistoryGrace)
            {
                throw new EventDeferredException("An answer's delivery is uncertain; reading Chatwoot's history shortly.", HistoryGrace - waited);
            }

            try
            {
                if (await FindInHistoryAsync(conversation, step.Action.Content!, attemptedAt, cancellationToken) is { } stored)
                {
                    await turns.SetActionStateAsync(turnId, step.Seq, StepState.Done, stored, cancellationToken);
                    return true;
                }

                return false;
            }
            catch (ChatwootApiException ex)
            {
                // The history cannot be read now: the echo (or the echo wait) decides instead.
                Log.HistoryUnavailable(logger, ex, conversation.AccountId, conversation.ConversationId);
            }
        }

        if (waited < options.CurrentValue.EchoWait)
        {
            var remaining = options.CurrentValue.EchoWait - waited;
            throw new EventDeferredException("An answer's delivery is uncertain; waiting for Chatwoot's echo before sending it again.",
                remaining < EchoPoll ? remaining : EchoPoll);
        }

        return false;
    }

    private async Task<long?> FindInHistoryAsync(ConversationState conversation, string content, DateTimeOffset attemptedAt, CancellationToken cancellationToken)
    {
        // Chatwoot's clock is not ours: allow some skew. An identical earlier answer is told apart by its id, which its own step claimed.
        var recent = await chatwootUsers.ListMessagesAsync(conversation.AccountId, conversation.ConversationId, cancellationToken);
        var candidates = recent.Where(m => m.MessageType == ChatwootMessageType.Outgoing && !m.Private && m.Content == content
            && m.CreatedAt >= attemptedAt - HistoryClockSkew).Select(m => m.Id).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var claimed = await turns.ClaimedMessageIdsAsync(candidates, cancellationToken);
        return candidates.Where(id => !claimed.Contains(id)).Cast<long?>().FirstOrDefault();
    }

    private async Task<long?> RunAsync(PlannedAction action, long accountId, long conversationId, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case PlannedAction.MessageKind:
                return await chatwoot.CreateMessageAsync(accountId, conversationId, action.ToMessage(), cancellationToken);
            case PlannedAction.AddLabelsKind:
                await chatwoot.AddLabelsAsync(accountId, conversationId, action.Labels ?? [], cancellationToken);
                return null;
            case PlannedAction.RemoveLabelKind:
                await chatwoot.RemoveLabelAsync(accountId, conversationId, action.Labels![0], cancellationToken);
                return null;
            case PlannedAction.AssignTeamKind:
                await chatwoot.AssignTeamAsync(accountId, conversationId, action.Id, cancellationToken);
                return null;
            case PlannedAction.AssignAgentKind:
                await chatwoot.AssignAgentAsync(accountId, conversationId, action.Id, cancellationToken);
                return null;
            case PlannedAction.StatusKind:
                await chatwoot.ToggleStatusAsync(accountId, conversationId, Enum.Parse<ConversationStatus>(action.Status!, ignoreCase: true), cancellationToken);
                return null;
            default:
                throw new InvalidOperationException($"Unknown planned action '{action.Kind}'.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "A human took over conversation {AccountId}/{ConversationId}; the rest of the bot's plan is dropped.")]
        public static partial void HumanTookOver(ILogger logger, long accountId, long conversationId);

        [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "The last-resort {Kind} step failed in {AccountId}/{ConversationId}.")]
        public static partial void BestEffortStepFailed(ILogger logger, Exception exception, string kind, long accountId, long conversationId);

        [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Could not read the message history of {AccountId}/{ConversationId} to confirm an uncertain delivery; waiting for its echo.")]
        public static partial void HistoryUnavailable(ILogger logger, Exception exception, long accountId, long conversationId);

        [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Chatwoot refused step {Seq} ({Kind}) in conversation {AccountId}/{ConversationId}; skipping it.")]
        public static partial void StepRefused(ILogger logger, Exception exception, int seq, string kind, long accountId, long conversationId);
    }
}
