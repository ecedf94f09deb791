using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.Postgres;

/// <summary>
/// The PostgreSQL adapter when the shop's tables live in a database of their own (<c>ConnectionStrings__Orders</c>):
/// a read or write there is a wait on another service, so it lends the turn's <see cref="WorkBudget"/> share out, as
/// the platform adapters' HTTP calls do. A slow shop database then holds up only the turns that asked it. A product
/// search is the exception: it ranks on the state database first, and lends the share only while it reads the shop's rows.
/// </summary>
internal sealed class ShopDatabaseWaits(IOrderStore orders, IProductCatalog catalog, IOrderWriter writer) : IOrderStore, IProductCatalog, IOrderWriter
{
    public Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken) =>
        AwayAsync(() => orders.FindCustomersAsync(externalId, email, phone, cancellationToken));

    public Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken) =>
        AwayAsync(() => orders.GetOrderAsync(orderNumber, cancellationToken));

    public Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken) =>
        AwayAsync(() => orders.RecentOrdersAsync(customerIds, limit, cancellationToken));

    // The search ranks on the assistant's index in the state database, which is this instance's work; only its read
    // of the shop's rows is a wait, marked where it runs (PostgresCatalog, ShopDatabase.Waiting).
    public Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken) =>
        catalog.SearchAsync(query, locale, limit, cancellationToken);

    public Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken) =>
        AwayAsync(() => catalog.GetAsync(skus, locale, cancellationToken));

    public Task<ShopOrderDetails?> ReadAsync(string orderNumber, CancellationToken cancellationToken) =>
        AwayAsync(() => writer.ReadAsync(orderNumber, cancellationToken));

    public Task<StoreWriteResult> WriteAsync(OrderWriteRequest request, CancellationToken cancellationToken) =>
        AwayAsync(() => writer.WriteAsync(request, cancellationToken));

    public Task<StoreReadBack> ReadBackAsync(OrderWriteRequest request, CancellationToken cancellationToken) =>
        AwayAsync(() => writer.ReadBackAsync(request, cancellationToken));

    private static async Task<T> AwayAsync<T>(Func<Task<T>> call)
    {
        using (WorkBudget.Away())
        {
            return await call();
        }
    }
}
