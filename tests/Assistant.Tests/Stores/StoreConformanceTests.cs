using Assistant.Engine.Store;
using Assistant.Stores.Postgres;
using Assistant.Tests.Turns;

namespace Assistant.Tests.Stores;

/// <summary>
/// One conformance suite for every store adapter (each subclass gives its adapter, filled with the demo store): the
/// same questions give the same answers as the shop holds them, so the tools behave alike whatever the store runs on.
/// </summary>
public abstract class StoreConformanceTests : ConversationTestBase
{
    /// <summary>The demo store as its tables hold it: what every adapter must answer.</summary>
    protected DemoShop Shop { get; private set; } = null!;

    /// <summary>
    /// Whether a search in one language finds products by their names in another. WooCommerce's search (with WPML or
    /// Polylang) looks in the shop's language and the customer's only.
    /// </summary>
    protected virtual bool SearchesEveryLanguage => true;

    /// <summary>What the platform can record of a demo order (WooCommerce records no deliveries or tracking events).</summary>
    protected virtual ShopOrderDetails AsRecorded(ShopOrderDetails order) => order;

    /// <summary>The adapter under test, filled with <paramref name="shop"/>.</summary>
    protected abstract Task<(IOrderStore Orders, IProductCatalog Catalog)> AdapterAsync(DemoShop shop);

    protected override async Task ArrangeAsync()
    {
        await base.ArrangeAsync();
        Shop = await DemoShop.ReadAsync(new ShopDatabase(Database.DataSource));
    }

    [Fact]
    public async Task Every_order_reads_as_the_shop_holds_it()
    {
        var (orders, _) = await AdapterAsync(Shop);

        foreach (var expected in Shop.Orders)
        {
            Assert.Equal(DemoShop.Seen(AsRecorded(expected)), DemoShop.Seen(await orders.GetOrderAsync(expected.Order.OrderNumber, Token)));
        }
    }

    [Theory]
    [InlineData("#1042")]
    [InlineData(" 1042 ")]
    public async Task An_order_number_as_customers_write_it_finds_the_order(string written)
    {
        var (orders, _) = await AdapterAsync(Shop);

        var order = await orders.GetOrderAsync(written, Token);

        Assert.Equal("1042", order?.Order.OrderNumber);
        Assert.Equal(1, order?.Owner.Id);
    }

    [Theory]
    [InlineData("9999")]
    [InlineData("104")]
    [InlineData("10422")]
    [InlineData("1042\" OR name:\"1001")]
    [InlineData("#")]
    public async Task A_number_no_order_has_finds_nothing(string number)
    {
        var (orders, _) = await AdapterAsync(Shop);

        Assert.Null(await orders.GetOrderAsync(number, Token));
    }

    [Theory]
    [InlineData("jane@example.com", 1L)]
    [InlineData("JANE@Example.com", 1L)]
    [InlineData("nobody@example.com", null)]
    [InlineData("jane@example", null)]
    public async Task Customers_are_found_by_their_whole_email_whatever_its_case(string email, long? expected)
    {
        var (orders, _) = await AdapterAsync(Shop);

        var found = await orders.FindCustomersAsync(null, email, null, Token);

        Assert.Equal(expected is { } id ? [id] : [], found.Select(c => c.Id));
    }

    /// <remarks>
    /// A store that keeps numbers as written may also give customers whose last eight digits agree (the access rule
    /// then proves none of them); one that keeps them in E.164, as Shopify does, gives the exact number's.
    /// </remarks>
    [Theory]
    [InlineData("+49 151 12345678", 1L)]
    [InlineData("+84 90 123 4567", 5L)]
    [InlineData("+1 555 000 0000", null)]
    public async Task Customers_are_found_by_their_phone_however_written(string phone, long? expected)
    {
        var (orders, _) = await AdapterAsync(Shop);

        var found = await orders.FindCustomersAsync(null, null, phone, Token);

        if (expected is { } id)
        {
            Assert.Contains(id, found.Select(c => c.Id));
        }

        Assert.All(found, c => Assert.EndsWith(PhoneNumber.Parse(phone)!.Digits[^8..], PhoneNumber.Parse(c.Phone)!.Digits, StringComparison.Ordinal));
        Assert.Equal(expected is null, found.Count == 0);
    }

    [Fact]
    public async Task Recent_orders_are_the_customers_own_newest_first_up_to_the_limit()
    {
        var (orders, _) = await AdapterAsync(Shop);

        foreach (var customer in Shop.Customers)
        {
            var expected = Shop.Orders.Where(o => o.Owner.Id == customer.Id).OrderByDescending(o => o.Order.PlacedAt).Take(2).Select(AsRecorded).Select(DemoShop.Seen);
            Assert.Equal(expected, (await orders.RecentOrdersAsync([customer.Id], 2, Token)).Select(DemoShop.Seen));
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    [InlineData("vi")]
    public async Task Products_read_by_sku_are_the_catalogs_active_ones_in_the_customers_language(string locale)
    {
        var (_, catalog) = await AdapterAsync(Shop);
        var skus = Shop.Products.Select(p => p.Product.Sku).ToList();
        var expected = Shop.Products.Where(p => p.Active).Select(p => p.Product with
        {
            Name = p.Translations.TryGetValue(locale, out var t) ? t.Name : p.Product.Name,
            Description = p.Translations.TryGetValue(locale, out var d) && d.Description is not null ? d.Description : p.Product.Description,
        });

        var rows = await catalog.GetAsync(skus, locale, Token);

        Assert.Equal(expected, rows);
    }

    [Theory]
    [InlineData("rain jacket", "JKT-NVY-L", false)]
    [InlineData("RAIN JACKET navy", "JKT-NVY-M", false)]
    [InlineData("do you sell a navy jacket", "JKT-NVY-M", false)]
    [InlineData("龙井绿茶", "TEA-LJ-250", true)]
    [InlineData("non la", "HAT-NON", false)]
    public async Task A_search_finds_products_by_their_words_in_any_language(string words, string sku, bool onlyInATranslation)
    {
        var (_, catalog) = await AdapterAsync(Shop);

        var found = await catalog.SearchAsync(new ProductQuery(words), "en", 10, Token);

        if (onlyInATranslation && !SearchesEveryLanguage)
        {
            Assert.DoesNotContain(sku, found.Select(p => p.Sku));
        }
        else
        {
            Assert.Contains(sku, found.Select(p => p.Sku));
        }
    }

    [Fact]
    public async Task A_withdrawn_product_is_never_found()
    {
        var (_, catalog) = await AdapterAsync(Shop);
        var withdrawn = Shop.Products.First(p => !p.Active).Product;

        Assert.DoesNotContain(withdrawn.Sku, (await catalog.SearchAsync(new ProductQuery(withdrawn.Name), "en", 10, Token)).Select(p => p.Sku));
        Assert.Empty(await catalog.GetAsync([withdrawn.Sku], "en", Token));
    }
}

public sealed class PostgresConformanceTests : StoreConformanceTests
{
    protected override Task<(IOrderStore Orders, IProductCatalog Catalog)> AdapterAsync(DemoShop shop)
    {
        var database = new ShopDatabase(Database.DataSource);
        return Task.FromResult<(IOrderStore, IProductCatalog)>((new PostgresOrderStore(database), Database.Catalog()));
    }
}
