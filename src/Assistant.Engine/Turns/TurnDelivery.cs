using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Microsoft.Extensions.Logging;

namespace Assistant.Engine.Turns;

/// <summary>Carries out a turn's stored plan and says what came of it; an answer then sets its follow-up and resolve timers.</summary>
internal sealed partial class TurnDelivery(ActionExecutor executor, Lifecycle.LifecycleTurns lifecycle, InboxRepository inbox, ILogger<TurnDelivery> logger)
{
    /// <summary>The plan's steps carried out (resuming those done before), and the turn's outcome.</summary>
    public async Task<(IReadOnlyList<StoredAction>? Steps, string Outcome)> DeliverAsync(long turnId, ConversationState conversation, CancellationToken cancellationToken)
    {
        var steps = await executor.ExecuteAsync(turnId, conversation, cancellationToken);
        return (steps, steps is null ? TurnOutcome.NotOwner : Outcome(steps));
    }

    /// <summary>The follow-up and resolve an answer asks for; losing them (a crash just now) costs a courtesy, not an answer.</summary>
    public async Task SetTimersAsync(TurnRecord turn, ConversationState conversation, IReadOnlyList<StoredAction> steps)
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 715, Level = LogLevel.Warning, Message = "Could not set the follow-up or resolve timers of {AccountId}/{ConversationId}.")]
        public static partial void TimersLost(ILogger logger, Exception exception, long accountId, long conversationId);
    }
}
