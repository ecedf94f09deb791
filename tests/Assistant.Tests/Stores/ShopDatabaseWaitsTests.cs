using Assistant.Engine.Store;
using Assistant.Stores.Postgres;
using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Assistant.Tests.Stores;

/// <summary>A shop database of its own is another service: waiting on it lends the turn's share of the work budget.</summary>
public sealed class ShopDatabaseWaitsTests
{
    [Fact]
    public async Task Reading_a_separate_shop_database_lends_the_turns_share_while_the_query_runs()
    {
        // Arrange
        var budget = new WorkBudget(1);
        using var turn = await budget.TakeAsync(TestContext.Current.CancellationToken);
        turn.Enter();
        var shop = new SlowShop(budget);
        var port = new ShopDatabaseWaits(shop, shop, shop);

        // Act
        await port.GetOrderAsync("1042", TestContext.Current.CancellationToken);
        await port.GetAsync(["JKT-RED-M"], "en", TestContext.Current.CancellationToken);

        // Assert: nothing of the budget was held during either query; the turn holds its share again after them.
        Assert.Equal([0, 0], shop.RunningDuringQueries);
        Assert.Equal(1, budget.Running);
    }

    [Fact]
    public async Task A_product_search_keeps_the_turns_share_for_its_ranking_on_the_state_database()
    {
        // Arrange
        var budget = new WorkBudget(1);
        using var turn = await budget.TakeAsync(TestContext.Current.CancellationToken);
        turn.Enter();
        var shop = new SlowShop(budget);
        var port = new ShopDatabaseWaits(shop, shop, shop);

        // Act
        await port.SearchAsync(new ProductQuery("rain jacket"), "en", 5, TestContext.Current.CancellationToken);

        // Assert: the search itself lends the share around its read of the shop's rows (CatalogIndexTests).
        Assert.Equal([1], shop.RunningDuringQueries);
    }

    [Fact]
    public async Task The_postgres_adapter_counts_its_queries_as_waits_on_a_shop_database_of_its_own()
    {
        await using var services = StoreAdapter.Services(new() { ["ConnectionStrings:Orders"] = "Host=shop.internal;Database=shop;Username=assistant" });

        Assert.IsType<ShopDatabaseWaits>(services.GetRequiredService<IOrderStore>());
        Assert.IsType<ShopDatabaseWaits>(services.GetRequiredService<IProductCatalog>());
        Assert.IsType<ShopDatabaseWaits>(services.GetRequiredService<IOrderWriter>());
    }

    [Fact]
    public async Task The_postgres_adapter_counts_its_queries_as_work_when_the_shop_tables_are_in_the_state_database()
    {
        await using var services = StoreAdapter.Services([]);

        Assert.IsType<PostgresOrderStore>(services.GetRequiredService<IOrderStore>());
        Assert.IsType<PostgresCatalog>(services.GetRequiredService<IProductCatalog>());
        Assert.IsType<PostgresOrderWriter>(services.GetRequiredService<IOrderWriter>());
    }

    [Theory]
    [InlineData("Host=shop.internal;Database=shop;Username=assistant", true)]
    [InlineData("Host=shop.internal;Database=shop;Username=assistant;Max Auto Prepare=0;No Reset On Close=false", false)]
    public async Task A_shop_database_of_its_own_prepares_its_repeated_reads_unless_its_connection_string_says_not_to(string orders, bool tuned)
    {
        await using var services = StoreAdapter.Services(new() { ["ConnectionStrings:Orders"] = orders });

        var pool = new NpgsqlConnectionStringBuilder(services.GetRequiredService<ShopDatabase>().DataSource.ConnectionString);

        Assert.Equal(tuned, pool.MaxAutoPrepare > 0);
        Assert.Equal(tuned, pool.NoResetOnClose);
    }

    /// <summary>The store port as a shop database that notes how much of the budget runs while it answers.</summary>
    private sealed class SlowShop(WorkBudget budget) : IOrderStore, IProductCatalog, IOrderWriter
    {
        public List<int> RunningDuringQueries { get; } = [];

        public Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken) => Answer<ShopOrderDetails?>(null);

        public Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<ProductRow>>([]);

        public Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<ShopCustomer>>([]);

        public Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<ShopOrderDetails>>([]);

        public Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<ProductRow>>([]);

        public Task<ShopOrderDetails?> ReadAsync(string orderNumber, CancellationToken cancellationToken) => Answer<ShopOrderDetails?>(null);

        public Task<StoreWriteResult> WriteAsync(OrderWriteRequest request, CancellationToken cancellationToken) => Answer(StoreWriteResult.Accepted);

        public Task<StoreReadBack> ReadBackAsync(OrderWriteRequest request, CancellationToken cancellationToken) => Answer(new StoreReadBack(true, "cancelled"));

        private async Task<T> Answer<T>(T value)
        {
            await Task.Yield();
            RunningDuringQueries.Add(budget.Running);
            return value;
        }
    }
}
