using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Assistant.Tests.Infrastructure.WooCommerce;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Stores;

/// <summary>What the WooCommerce adapter does with WooCommerce's own behaviour: keys, outages, order numbers, tracking meta, guests.</summary>
public sealed class WooCommerceStoreTests : IAsyncLifetime
{
    private static readonly ShopCustomer Jane = new(1, "Jane Doe", null, "jane@example.com", "+4915112345678", null, null);

    private readonly FakeWooCommerce _woo = new();
    private ServiceProvider? _services;

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _woo.Customers.Add(WooCommerceShapes.Customer(Jane));
        _woo.Orders.Add(Order("1042", 7311, "processing", ("UPS", "1Z999AA10123456784")));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _woo.DisposeAsync();
    }

    private IOrderStore Orders(Action<Dictionary<string, string?>>? configure = null)
    {
        _services = WooCommerceAdapter.Services(_woo, configure);
        return _services.GetRequiredService<IOrderStore>();
    }

    private static JsonObject Order(string number, long id, string status, params (string Carrier, string Number)[] parcels)
    {
        var order = WooCommerceShapes.Order(new ShopOrderDetails(
            new ShopOrder(id, number, Jane.Id, "paid", "EUR", 89m, 0m, 89m, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), null),
            Jane, [new ShopOrderItem(1, id, "JKT-NVY-L", "Rain jacket, navy, L", 1, 89m, null)],
            [.. parcels.Select((p, i) => new ShopShipment(i, id, p.Carrier, p.Number, null, "in_transit", new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), null, null))], []));
        order["id"] = id;
        order["status"] = status;
        return order;
    }

    [Fact]
    public async Task Where_is_my_order_costs_two_calls_the_order_by_its_number_and_the_customers_address()
    {
        var orders = Orders();

        var order = await orders.GetOrderAsync("#1042", Token);
        var holders = await orders.FindCustomersAsync(null, "jane@example.com", null, Token);

        Assert.Equal((7311L, "1042", "shipped"), (order!.Order.Id, order.Order.OrderNumber, order.Order.Status));
        Assert.Equal([1L], holders.Select(c => c.Id));
        Assert.Equal(2, _woo.Calls.Count);
    }

    [Fact]
    public async Task An_order_number_that_is_another_orders_id_finds_the_order_with_that_number()
    {
        _woo.Orders.Add(Order("A-1043", 1042, "processing"));

        var order = await Orders().GetOrderAsync("1042", Token);

        Assert.Equal(7311, order?.Order.Id);
    }

    [Fact]
    public async Task Tracking_from_the_Shipment_Tracking_extension_names_its_carrier_number_and_ship_date()
    {
        var order = Order("1050", 7400, "completed");
        order["meta_data"]!.AsArray()[1]!["value"] = new JsonArray(new JsonObject
        {
            ["tracking_provider"] = "ups",
            ["custom_tracking_provider"] = "",
            ["custom_tracking_link"] = "",
            ["tracking_number"] = "1Z999AA10123456784",
            ["date_shipped"] = "1793750400",
            ["tracking_id"] = "6f1c0e3b",
        });
        _woo.Orders.Add(order);

        var found = await Orders().GetOrderAsync("1050", Token);

        var shipment = Assert.Single(found!.Shipments);
        Assert.Equal(("ups", "1Z999AA10123456784", "completed"), (shipment.Carrier, shipment.TrackingNumber, found.Order.Status));
        Assert.Null(shipment.TrackingUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1793750400), shipment.ShippedAt);
    }

    [Fact]
    public async Task An_order_with_two_parcels_and_a_partial_refund_reads_as_shipped_with_both()
    {
        var order = Order("1055", 7450, "processing", ("UPS", "1Z999AA10123456784"), ("DHL", "JJD000390007774512"));
        order["refunds"] = new JsonArray(new JsonObject { ["id"] = 301, ["reason"] = "Scarf returned", ["total"] = "-25.00" });
        _woo.Orders.Add(order);

        var found = await Orders().GetOrderAsync("1055", Token);

        Assert.Equal("shipped", found!.Order.Status);
        Assert.Equal(["UPS 1Z999AA10123456784", "DHL JJD000390007774512"], found.Shipments.Select(s => $"{s.Carrier} {s.TrackingNumber}"));
        Assert.Equal(89m, found.Order.Total);
    }

    [Fact]
    public async Task A_guest_order_is_owned_by_its_billing_contact_under_an_id_no_customer_has()
    {
        var guest = Order("1060", 7500, "on-hold");
        guest["customer_id"] = 0;
        guest["billing"]!["email"] = "guest@example.com";
        _woo.Orders.Add(guest);

        var order = await Orders().GetOrderAsync("1060", Token);

        Assert.Equal((-7500L, "guest@example.com", "pending"), (order!.Owner.Id, order.Owner.Email, order.Order.Status));
        Assert.Null(order.Owner.ExternalId);
    }

    [Fact]
    public async Task A_refused_key_names_both_settings_and_never_the_key()
    {
        var orders = Orders(s => s["WooCommerce:ConsumerSecret"] = "cs_revoked000000000000000000000000000000");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => orders.GetOrderAsync("1042", Token));

        Assert.Contains("WooCommerce__ConsumerKey and WooCommerce__ConsumerSecret", error.Message);
        Assert.DoesNotContain("cs_", error.Message);
        Assert.DoesNotContain("ck_", error.Message);
    }

    [Fact]
    public async Task A_key_whose_user_may_not_read_customers_says_to_run_setup()
    {
        _woo.Denied.Add("customers");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Orders().FindCustomersAsync(null, "jane@example.com", null, Token));

        Assert.Contains("woocommerce_rest_cannot_view", error.Message);
        Assert.Contains("assistant setup woocommerce", error.Message);
    }

    [Fact]
    public async Task A_hosts_passing_503_page_is_retried_and_a_lasting_one_is_an_outage()
    {
        var orders = Orders();
        _woo.Unavailable = 1;
        Assert.Equal("1042", (await orders.GetOrderAsync("1042", Token))?.Order.OrderNumber);

        _woo.Unavailable = 100;
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => orders.GetOrderAsync("1043", Token));

        Assert.Equal("WooCommerce answered 503.", error.Message);
    }

    [Fact]
    public async Task Text_no_order_number_could_be_is_never_sent()
    {
        Assert.Null(await Orders().GetOrderAsync("1042 OR 1=1", Token));

        Assert.Empty(_woo.Calls);
    }
}
