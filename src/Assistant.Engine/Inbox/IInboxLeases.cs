namespace Assistant.Engine.Inbox;

/// <summary>Renews the claim on an event a worker is processing.</summary>
public interface IInboxLeases
{
    /// <returns><c>false</c> when the claim was lost (another worker took the event over).</returns>
    Task<bool> ExtendLeaseAsync(long id, string workerId, TimeSpan lease, CancellationToken cancellationToken);
}
