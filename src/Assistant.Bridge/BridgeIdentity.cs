using Assistant.Transport;
using Assistant.Zendesk;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bridge;

/// <summary>The bridge agent's Zendesk user id, asked once: comments it authored are never brought back.</summary>
/// <remarks>A singleton cache, so it asks through a client of its own scope rather than holding one.</remarks>
public sealed class BridgeIdentity(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long? _userId;

    public async Task<long> UserIdAsync(CancellationToken cancellationToken)
    {
        if (_userId is { } known)
        {
            return known;
        }

        // Waiting for the first caller's request to Zendesk is a wait on Zendesk.
        using (WorkBudget.Away())
        {
            await _lock.WaitAsync(cancellationToken);
        }

        try
        {
            if (_userId is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                _userId = await scope.ServiceProvider.GetRequiredService<ZendeskClient>().GetMeAsync(cancellationToken);
            }

            return _userId.Value;
        }
        finally
        {
            _lock.Release();
        }
    }
}
