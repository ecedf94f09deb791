using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Assistant.Tests.Infrastructure.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Stores;

/// <summary>What the Shopify adapter does with Shopify's own behaviour: throttling, outages, refusals, and real orders' shapes.</summary>
public sealed class ShopifyStoreTests : IAsyncLifetime
{
    private readonly FakeShopify _shopify = new();
    private ServiceProvider? _services;

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _shopify.Customers.Add(ShopifyOrderBuilder.Jane);
        _shopify.Orders.Add(new ShopifyOrderBuilder("#1042").Build());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _shopify.DisposeAsync();
    }

    private IOrderStore Orders(Action<Dictionary<string, string?>>? configure = null)
    {
        _services = ShopifyAdapter.Services(_shopify, configure);
        return _services.GetRequiredService<IOrderStore>();
    }

    [Fact]
    public async Task A_throttled_query_waits_the_time_Shopify_gives_and_is_asked_once_more()
    {
        _shopify.ThrottledAnswers = 1;
        _shopify.ThrottledAvailable = 242;

        var order = await Orders().GetOrderAsync("1042", Token);

        Assert.Equal("1042", order?.Order.OrderNumber);
        Assert.Equal(2, _shopify.Queries.Count);
    }

    [Fact]
    public async Task A_throttle_longer_than_the_allowed_wait_fails_the_read_without_asking_again()
    {
        _shopify.ThrottledAnswers = 1;
        _shopify.ThrottledAvailable = 0;
        var orders = Orders(s => s["Shopify:MaxThrottleWait"] = "00:00:01");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => orders.GetOrderAsync("1042", Token));

        Assert.Contains("query budget", error.Message);
        Assert.Single(_shopify.Queries);
    }

    [Fact]
    public async Task A_query_throttled_twice_is_not_asked_a_third_time()
    {
        _shopify.ThrottledAnswers = 5;
        _shopify.ThrottledAvailable = 242;

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Orders().GetOrderAsync("1042", Token));

        Assert.Equal(2, _shopify.Queries.Count);
    }

    [Fact]
    public async Task A_refused_token_names_the_setting_and_never_the_token()
    {
        var orders = Orders(s => s["Shopify:AccessToken"] = "shpat_revoked0000000000000000000000");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => orders.GetOrderAsync("1042", Token));

        Assert.Contains("Shopify__AccessToken", error.Message);
        Assert.DoesNotContain("shpat_", error.Message);
        Assert.Single(_shopify.Queries);
    }

    [Fact]
    public async Task A_passing_outage_is_retried_by_the_transport()
    {
        _shopify.Unavailable = 2;

        var order = await Orders().GetOrderAsync("#1042", Token);

        Assert.Equal("1042", order?.Order.OrderNumber);
        Assert.Equal(3, _shopify.Queries.Count);
    }

    [Fact]
    public async Task A_lasting_outage_fails_the_read_as_the_store_being_unavailable()
    {
        _shopify.Unavailable = 100;

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Orders().GetOrderAsync("1042", Token));

        Assert.Contains("503", error.Message);
    }

    [Fact]
    public async Task A_token_without_read_translations_gets_names_in_the_shops_language_and_is_not_refused_again()
    {
        _shopify.Scopes.Remove("read_translations");
        _shopify.Products.Add(ShopifyShapes.Product(new ProductRow(7, "TEA-LJ-250", "Longjing green tea", null, "Tea", 18m, "USD", 40, null, null), true,
            new Dictionary<string, (string, string?)> { ["zh-CN"] = ("龙井绿茶", null) }));
        Orders();
        var catalog = _services!.GetRequiredService<IProductCatalog>();

        var first = await catalog.GetAsync(["TEA-LJ-250"], "zh-CN", Token);
        var second = await catalog.SearchAsync(new ProductQuery("green tea"), "zh-CN", 5, Token);

        Assert.Equal("Longjing green tea", Assert.Single(first).Name);
        Assert.Equal("Longjing green tea", Assert.Single(second).Name);
        Assert.Equal(3, _shopify.Queries.Count);
    }

    [Fact]
    public async Task An_order_with_two_fulfilments_and_a_partial_refund_reads_as_shipped_with_both_parcels()
    {
        _shopify.Orders.Clear();
        _shopify.Orders.Add(new ShopifyOrderBuilder("#1050").PartlyRefunded()
            .WithFulfilment(ShopifyOrderBuilder.Delivered("UPS", "1Z999AA10123456784", "2026-11-02T10:00:00Z"))
            .WithFulfilment(ShopifyOrderBuilder.InTransit("USPS", "9400111899223334445566", "2026-11-05"))
            .Build());

        var order = await Orders().GetOrderAsync("1050", Token);

        Assert.NotNull(order);
        Assert.Equal("shipped", order.Order.Status);
        Assert.Equal(["UPS 1Z999AA10123456784 delivered", "USPS 9400111899223334445566 in_transit"],
            order.Shipments.Select(s => $"{s.Carrier} {s.TrackingNumber} {s.Status}"));
        Assert.Equal(new DateOnly(2026, 11, 5), order.Shipments[1].EstimatedDelivery);
        Assert.Equal(["Delivered", "Out for delivery"], order.Events.Select(e => e.Description));
        Assert.Equal(2, order.Events.Select(e => e.ShipmentId).Distinct().Count());
        Assert.Null(order.Order.Remark);
    }

    [Fact]
    public async Task A_guest_checkout_is_owned_by_its_own_contact_under_an_id_no_customer_has()
    {
        _shopify.Orders.Add(new ShopifyOrderBuilder("#1051").AsGuest("guest@example.com", "+4915199887766").Build());

        var orders = Orders();

        var order = await orders.GetOrderAsync("1051", Token);

        Assert.NotNull(order);
        Assert.True(order.Owner.Id < 0);
        Assert.Equal(("guest@example.com", "+4915199887766"), (order.Owner.Email, order.Owner.Phone));
        Assert.Null(order.Owner.ExternalId);
        Assert.Empty(await orders.RecentOrdersAsync([order.Owner.Id], 5, Token));
    }

    [Fact]
    public async Task Reads_repeated_within_a_turn_cost_one_call()
    {
        var orders = Orders();

        await orders.GetOrderAsync("1042", Token);
        await orders.GetOrderAsync("#1042", Token);
        await orders.FindCustomersAsync(null, "jane@example.com", null, Token);
        await orders.FindCustomersAsync(null, "JANE@example.com", null, Token);

        Assert.Equal(["OrdersByName", "Customers"], _shopify.Queries.Select(FakeShopify.Operation));
    }

    [Fact]
    public async Task A_failed_read_is_not_kept_in_the_cache()
    {
        _shopify.Unavailable = 100;
        var orders = Orders(s => s["Http:MaxRetries"] = "0");
        await Assert.ThrowsAsync<StoreUnavailableException>(() => orders.GetOrderAsync("1042", Token));
        _shopify.Unavailable = 0;

        var order = await orders.GetOrderAsync("1042", Token);

        Assert.Equal("1042", order?.Order.OrderNumber);
    }

    [Fact]
    public async Task A_catalog_of_ten_thousand_products_is_searched_by_Shopify_in_one_call_never_paged_through()
    {
        _shopify.Products.AddRange(Enumerable.Range(1, 10_000).Select(i => ShopifyShapes.Product(
            new ProductRow(i, $"SKU-{i}", i == 7777 ? "Merino wool scarf" : $"Cotton tee no. {i}", null, "apparel", 20m, "USD", 5, null, null), true,
            new Dictionary<string, (string, string?)>())));
        Orders();
        var catalog = _services!.GetRequiredService<IProductCatalog>();

        var found = await catalog.SearchAsync(new ProductQuery("wool scarf"), "en", 5, Token);

        Assert.Equal("SKU-7777", found[0].Sku);
        var query = Assert.Single(_shopify.Queries);
        Assert.True(query.Json.GetProperty("variables").GetProperty("first").GetInt32() <= 10);
    }

    [Fact]
    public async Task The_query_a_customer_writes_cannot_widen_the_search()
    {
        var found = await Orders().GetOrderAsync("1042 OR name:*", Token);

        Assert.Null(found);
        Assert.Empty(_shopify.Queries);
    }
}

/// <summary>A Shopify order as the Admin GraphQL API returns it, for the shapes the demo store does not have.</summary>
public sealed class ShopifyOrderBuilder(string name)
{
    public static JsonObject Jane { get; } = new()
    {
        ["legacyResourceId"] = "1",
        ["displayName"] = "Jane Doe",
        ["locale"] = "en",
        ["defaultEmailAddress"] = new JsonObject { ["emailAddress"] = "jane@example.com" },
        ["defaultPhoneNumber"] = new JsonObject { ["phoneNumber"] = "+4915112345678" },
    };

    private readonly JsonArray _fulfilments = [];
    private string _financial = "PAID";
    private JsonObject? _customer = Jane;
    private (string Email, string Phone)? _guest;

    public ShopifyOrderBuilder PartlyRefunded()
    {
        _financial = "PARTIALLY_REFUNDED";
        return this;
    }

    public ShopifyOrderBuilder AsGuest(string email, string phone)
    {
        _customer = null;
        _guest = (email, phone);
        return this;
    }

    public ShopifyOrderBuilder WithFulfilment(JsonObject fulfilment)
    {
        _fulfilments.Add(fulfilment);
        return this;
    }

    public static JsonObject Delivered(string company, string number, string deliveredAt) =>
        Fulfilment(company, number, "DELIVERED", deliveredAt, null, ("DELIVERED", "Delivered", deliveredAt));

    public static JsonObject InTransit(string company, string number, string estimated) =>
        Fulfilment(company, number, "IN_TRANSIT", null, estimated + "T18:00:00Z", ("OUT_FOR_DELIVERY", "Out for delivery", "2026-11-04T07:12:00Z"));

    public JsonObject Build() => new()
    {
        ["legacyResourceId"] = name.TrimStart('#') + "00",
        ["name"] = name,
        ["processedAt"] = "2026-10-30T09:00:00Z",
        ["cancelledAt"] = null,
        ["closed"] = false,
        ["currencyCode"] = "USD",
        ["email"] = _guest?.Email ?? "jane@example.com",
        ["phone"] = _guest?.Phone,
        ["note"] = "Staff only: refunded the scarf after a call",
        ["displayFinancialStatus"] = _financial,
        ["displayFulfillmentStatus"] = _fulfilments.Count > 0 ? "FULFILLED" : "UNFULFILLED",
        ["subtotalPriceSet"] = ShopifyShapes.Money(120m, "USD"),
        ["totalShippingPriceSet"] = ShopifyShapes.Money(0m, "USD"),
        ["totalPriceSet"] = ShopifyShapes.Money(120m, "USD"),
        ["customer"] = _customer?.DeepClone(),
        ["lineItems"] = ShopifyShapes.Nodes([
            new JsonObject { ["sku"] = "JKT-NVY-M", ["name"] = "Rain jacket - Navy / M", ["quantity"] = 1, ["originalUnitPriceSet"] = ShopifyShapes.Money(95m, "USD"), ["image"] = null },
            new JsonObject { ["sku"] = "SCF-RED", ["name"] = "Wool scarf - Red", ["quantity"] = 1, ["originalUnitPriceSet"] = ShopifyShapes.Money(25m, "USD"), ["image"] = null },
        ]),
        ["fulfillments"] = _fulfilments.DeepClone(),
    };

    private static JsonObject Fulfilment(string company, string number, string status, string? deliveredAt, string? estimated, (string Status, string Message, string At) lastEvent) => new()
    {
        ["legacyResourceId"] = number[^4..],
        ["status"] = "SUCCESS",
        ["displayStatus"] = status,
        ["createdAt"] = "2026-10-31T12:00:00Z",
        ["inTransitAt"] = "2026-10-31T16:00:00Z",
        ["deliveredAt"] = deliveredAt,
        ["estimatedDeliveryAt"] = estimated,
        ["trackingInfo"] = new JsonArray(new JsonObject { ["company"] = company, ["number"] = number, ["url"] = $"https://track.example.com/{number}" }),
        ["events"] = ShopifyShapes.Nodes([new JsonObject
        {
            ["happenedAt"] = lastEvent.At,
            ["status"] = lastEvent.Status,
            ["message"] = lastEvent.Message,
            ["city"] = "Columbus",
            ["province"] = "Ohio",
            ["country"] = "United States",
        }]),
    };
}
