namespace Assistant.Engine.Store;

/// <summary>
/// The store's customers and orders, as the tools see them whatever the store runs on (<c>Store__Kind</c>). An adapter
/// only fetches: who may read an order, the uniform "not found" and the look-up limits stay with the tools.
/// </summary>
public interface IOrderStore
{
    /// <summary>
    /// Customers the contact could be: the same external id, email (case-insensitive), or a phone whose last 8 digits
    /// agree (however either side was written); at most 20. The access rule decides which of them it is.
    /// </summary>
    Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken);

    /// <summary>One order by the number its customer knows (with or without a leading <c>#</c>, case-insensitive), or null.</summary>
    Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>The customers' newest orders, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken);
}
