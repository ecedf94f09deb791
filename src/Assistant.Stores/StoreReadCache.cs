using System.Collections.Concurrent;
using Assistant.Engine.Store;
using Microsoft.Extensions.Options;

namespace Assistant.Stores;

/// <summary>
/// Reads from a store platform's API kept for <c>Store__CacheFor</c> (seconds), so the look-ups one turn repeats (the
/// model asking for an order it just read, the access rule finding its customer) cost one call. Concurrent reads of
/// one key share the call; failures are not kept. Bounded: past <see cref="MaxEntries"/> the expired go first, then all.
/// </summary>
public sealed class StoreReadCache(IOptionsMonitor<StoreOptions> options, TimeProvider clock)
{
    public const int MaxEntries = 2000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<object?> Value)> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> read)
    {
        var lifetime = options.CurrentValue.CacheFor;
        if (lifetime <= TimeSpan.Zero)
        {
            return await read();
        }

        var now = clock.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry) || entry.Expires <= now || entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            Trim(now);
            entry = (now + lifetime, ReadAsObjectAsync(read));
            _entries[key] = entry;
        }

        try
        {
            return (T)(await entry.Value)!;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, (DateTimeOffset, Task<object?>)>(key, entry));
            throw;
        }
    }

    private static async Task<object?> ReadAsObjectAsync<T>(Func<Task<T>> read) => await read();

    private void Trim(DateTimeOffset now)
    {
        if (_entries.Count < MaxEntries)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }
}

/// <summary>A store platform's adapter behind <see cref="StoreReadCache"/>.</summary>
public sealed class CachedStore(IOrderStore orders, IProductCatalog catalog, StoreReadCache cache) : IOrderStore, IProductCatalog
{
    public Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken) =>
        cache.GetAsync($"customers\n{externalId}\n{email?.Trim().ToLowerInvariant()}\n{phone}", () => orders.FindCustomersAsync(externalId, email, phone, cancellationToken));

    public Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken) =>
        cache.GetAsync($"order\n{orderNumber.Trim().TrimStart('#').ToUpperInvariant()}", () => orders.GetOrderAsync(orderNumber, cancellationToken));

    public Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken) =>
        cache.GetAsync($"recent\n{string.Join(',', customerIds.Order())}\n{limit}", () => orders.RecentOrdersAsync(customerIds, limit, cancellationToken));

    public Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken) =>
        cache.GetAsync($"search\n{query}\n{locale}\n{limit}", () => catalog.SearchAsync(query, locale, limit, cancellationToken));

    public Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken) =>
        cache.GetAsync($"products\n{string.Join(',', skus).ToUpperInvariant()}\n{locale}", () => catalog.GetAsync(skus, locale, cancellationToken));
}
