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
    [InlineData("Host=shop.internal;Database=shop;Username=assistant", 0, true)]
    [InlineData("Host=shop.internal;Database=shop;Username=assistant;Max Auto Prepare=20", 20, true)]
    [InlineData("Host=shop.internal;Database=shop;Username=assistant;No Reset On Close=false", 0, false)]
    public async Task A_shop_database_of_its_own_skips_the_reset_and_prepares_only_when_its_connection_string_says(string orders, int prepared, bool noReset)
    {
        await using var services = StoreAdapter.Services(new() { ["ConnectionStrings:Orders"] = orders });

        var pool = new NpgsqlConnectionStringBuilder(services.GetRequiredService<ShopDatabase>().DataSource.ConnectionString);

        // Its pooler is the shop's: one that cannot keep prepared statements would fail every read.
        Assert.Equal(prepared, pool.MaxAutoPrepare);
        Assert.Equal(noReset, pool.NoResetOnClose);
    }

    [Fact]
    public async Task The_shop_tables_in_the_state_database_are_read_with_prepared_statements()
    {
        await using var services = StoreAdapter.Services([]);

        var pool = new NpgsqlConnectionStringBuilder(services.GetRequiredService<ShopDatabase>().DataSource.ConnectionString);

        Assert.True(pool.MaxAutoPrepare > 0);
        Assert.True(pool.NoResetOnClose);
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
