using Assistant.Core.Zendesk;

namespace Assistant.Core.Bridge;

/// <summary>The bridge agent's Zendesk user id, asked once: comments it authored are never brought back.</summary>
public sealed class BridgeIdentity(ZendeskClient zendesk)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long? _userId;

    public async Task<long> UserIdAsync(CancellationToken cancellationToken)
    {
        if (_userId is { } known)
        {
            return known;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            _userId ??= await zendesk.GetMeAsync(cancellationToken);
            return _userId.Value;
        }
        finally
        {
            _lock.Release();
        }
    }
}
