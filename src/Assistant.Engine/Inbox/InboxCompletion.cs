using Assistant.Engine.Storage;

namespace Assistant.Engine.Inbox;

/// <summary>
/// Lets the handler of a claimed event complete it in its own last batch, so the event's effects and its completion
/// commit together: one round trip less per event, and no window in which the effects are stored but the event would
/// still run again. The worker's next claim rides in the same batch, so a busy worker goes from one event to the next
/// without a round trip of its own. A handler that does not use it leaves completion to <see cref="InboxProcessor"/>.
/// One per event scope.
/// </summary>
public sealed class InboxCompletion(InboxRepository inbox)
{
    private Claimed? _claim;

    /// <summary>Whether the event was completed with the handler's batch, and whether the claim still held then.</summary>
    public bool? CompletedWithClaim { get; private set; }

    /// <summary>The worker's next claim, made in the completion's batch; null when none was asked for or the batch failed.</summary>
    public InboxClaim? NextClaim { get; private set; }

    /// <param name="nextLease">The lease of the worker's next claim.</param>
    /// <param name="stopClaiming">Set once the worker is shutting down: the completion then claims nothing.</param>
    internal void Begin(long id, string workerId, TimeSpan nextLease, CancellationToken stopClaiming) =>
        _claim = new Claimed(id, workerId, nextLease, stopClaiming);

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
        var next = claim.StopClaiming.IsCancellationRequested ? null : inbox.AddClaim(batch, claim.WorkerId, claim.NextLease);
        batch.AfterSuccess(() =>
        {
            CompletedWithClaim = advanced.RecordsAffected == 1;
            NextClaim = next?.Invoke();
        });
    }

    private sealed record Claimed(long Id, string WorkerId, TimeSpan NextLease, CancellationToken StopClaiming);
}
