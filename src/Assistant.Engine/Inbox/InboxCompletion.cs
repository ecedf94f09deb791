using Assistant.Engine.Storage;
using Assistant.Transport;

namespace Assistant.Engine.Inbox;

/// <summary>
/// Lets the handler of a claimed event complete it in its own last batch, so the event's effects and its completion
/// commit together: one round trip less per event, and no window in which the effects are stored but the event would
/// still run again. The worker's next claim rides in the same batch when no other claim is running, so a busy worker
/// goes from one event to the next without a round trip of its own. A handler that does not use it leaves completion
/// to <see cref="InboxProcessor"/>. One per event scope.
/// </summary>
public sealed class InboxCompletion(InboxRepository inbox)
{
    private Claimed? _claim;
    private bool _holdsGate;

    /// <summary>Whether the event was completed with the handler's batch, and whether the claim still held then.</summary>
    public bool? CompletedWithClaim { get; private set; }

    /// <summary>The worker's next claim, made in the completion's batch; null when none was asked for or the batch failed.</summary>
    public InboxClaim? NextClaim { get; private set; }

    /// <param name="nextLease">The lease of the worker's next claim.</param>
    /// <param name="stopClaiming">Set once the worker is shutting down: the completion then claims nothing.</param>
    /// <param name="claimGate">
    /// The instance's one-claim-at-a-time gate (<see cref="InboxProcessor"/>): the completion claims only when no other
    /// claim is running, so processing keeps its pace and leaves intake its share of the machine.
    /// </param>
    /// <param name="budget">The instance's work budget: over it, the worker takes no more work without queueing for a share.</param>
    internal void Begin(long id, string workerId, TimeSpan nextLease, CancellationToken stopClaiming, SemaphoreSlim claimGate, WorkBudget budget) =>
        _claim = new Claimed(id, workerId, nextLease, stopClaiming, claimGate, budget);

    /// <summary>Lets the next claim through the gate if this completion's batch took it and did not run.</summary>
    internal void ReleaseClaimGate()
    {
        if (_holdsGate && _claim is { } claim)
        {
            _holdsGate = false;
            claim.Gate.Release();
        }
    }

    /// <summary>Adds the completion to <paramref name="batch"/> when an event is being processed in this scope.</summary>
    /// <remarks>
    /// The next claim runs inside the batch's transaction: it commits with the handler's work or not at all, and it
    /// skips locked heads rather than wait, so it cannot deadlock with the locks the handler's statements hold.
    /// </remarks>
    public void AddTo(SqlBatch batch)
    {
        if (_claim is not { } claim)
        {
            return;
        }

        var advanced = inbox.AddComplete(batch, claim.Id, claim.WorkerId);
        _holdsGate = !claim.StopClaiming.IsCancellationRequested && claim.Budget.WithinBudget && claim.Gate.Wait(0);
        var next = _holdsGate ? inbox.AddClaim(batch, claim.WorkerId, claim.NextLease) : null;
        batch.AfterSuccess(() =>
        {
            CompletedWithClaim = advanced.RecordsAffected == 1;
            NextClaim = next?.Invoke();
            ReleaseClaimGate();
        });
    }

    private sealed record Claimed(long Id, string WorkerId, TimeSpan NextLease, CancellationToken StopClaiming, SemaphoreSlim Gate, WorkBudget Budget);
}
