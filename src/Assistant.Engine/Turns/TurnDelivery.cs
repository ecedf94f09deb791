using Assistant.Engine.Conversations;

namespace Assistant.Engine.Turns;

/// <summary>Carries out a turn's stored plan and says what came of it.</summary>
internal sealed class TurnDelivery(ActionExecutor executor)
{
    /// <summary>The plan's steps carried out (resuming those done before), and the turn's outcome.</summary>
    /// <param name="plan">The plan just stored, as <see cref="TurnRepository.SavePlanAsync"/> returned it; null to read the stored one.</param>
    public async Task<(IReadOnlyList<StoredAction>? Steps, string Outcome)> DeliverAsync(
        long turnId, ConversationState conversation, IReadOnlyList<StoredAction>? plan, CancellationToken cancellationToken)
    {
        var steps = await executor.ExecuteAsync(turnId, conversation, plan, cancellationToken);
        return (steps, steps is null ? TurnOutcome.NotOwner : Outcome(steps));
    }

    private static string Outcome(IReadOnlyList<StoredAction> actions) =>
        actions.Any(a => a.Action is { Kind: PlannedAction.StatusKind, Status: "open" }) ? TurnOutcome.HandedOff
        : actions.Any(a => a.Action is { Kind: PlannedAction.StatusKind, Status: "resolved" }) ? TurnOutcome.Resolved
        : actions.Any(a => a.State == StepState.Done && a.Action.Kind == PlannedAction.MessageKind) ? TurnOutcome.Answered
        : TurnOutcome.Silent;
}
