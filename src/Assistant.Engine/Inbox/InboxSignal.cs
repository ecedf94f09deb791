namespace Assistant.Engine.Inbox;

/// <summary>
/// Wakes idle inbox workers. It carries no data: the table is the queue, so a lost or extra wake-up costs at most
/// one poll interval or one empty claim.
/// </summary>
public sealed class InboxSignal
{
    private const int MaxPendingWakeUps = 64;
    private readonly SemaphoreSlim _wakeUps = new(0, MaxPendingWakeUps);

    public void Notify()
    {
        try
        {
            if (_wakeUps.CurrentCount < MaxPendingWakeUps)
            {
                _wakeUps.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Enough wake-ups are already pending.
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _wakeUps.WaitAsync(timeout, cancellationToken);
}
