using Assistant.Engine.Storage;

namespace Assistant.Engine.Inbox;

/// <summary>
/// Lets the handler of a claimed event complete it in its own last batch, so the event's effects and its completion
/// commit together: one round trip less per event, and no window in which the effects are stored but the event would
/// still run again. A handler that does not use it leaves completion to <see cref="InboxProcessor"/>. One per event
/// scope.
/// </summary>
public sealed class InboxCompletion(InboxRepository inbox)
{
    private (long Id, string WorkerId)? _claim;

    /// <summary>Whether the event was completed with the handler's batch, and whether the claim still held then.</summary>
    public bool? CompletedWithClaim { get; private set; }

    internal void Begin(long id, string workerId) => _claim = (id, workerId);

    /// <summary>Adds the completion to <paramref name="batch"/> when an event is being processed in this scope.</summary>
    public void AddTo(SqlBatch batch)
    {
        if (_claim is not { } claim)
        {
            return;
        }

        var advanced = inbox.AddComplete(batch, claim.Id, claim.WorkerId);
        batch.AfterSuccess(() => CompletedWithClaim = advanced.RecordsAffected == 1);
    }
}
