using Assistant.Engine.Actions;
using Assistant.Engine.Store;
using Assistant.Plugins.Actions;

namespace Assistant.Tests.Actions;

public sealed class ActionEligibilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly ShippingAddress Address = new("Jane Doe", "12 Park Lane", null, "London", null, "W1K 1AA", "GB", null);

    private static ShopOrderDetails Order(string status, DateTimeOffset? deliveredAt = null, bool shipped = false, params string[] skus)
    {
        var order = new ShopOrder(7, "1043", 1, status, "EUR", 50, 5, 55, Now.AddDays(-40), null);
        var owner = new ShopCustomer(1, "Jane Doe", null, "jane@example.com", null, "cus_jane", "en");
        var items = (skus.Length == 0 ? ["MUG-1"] : skus).Select((s, i) => new ShopOrderItem(i + 1, 7, s, s, 1, 25, null)).ToList();
        List<ShopShipment> shipments = shipped || deliveredAt is not null
            ? [new ShopShipment(1, 7, "DHL", "JD1", null, deliveredAt is null ? "in_transit" : "delivered", Now.AddDays(-45), null, deliveredAt)]
            : [];
        return new ShopOrderDetails(order, owner, items, shipments, []);
    }

    private static ActionOptions Settings(int window = 30, string? excluded = null) => new() { ReturnWindowDays = window, ReturnExcludedSkus = excluded };

    [Theory]
    [InlineData("pending")]
    [InlineData("paid")]
    [InlineData("processing")]
    public void Unshipped_order_may_be_cancelled_and_sent_elsewhere(string status)
    {
        Assert.Null(ActionEligibility.Check(ActionKinds.Cancel, Order(status), null, Now, Settings()));
        Assert.Null(ActionEligibility.Check(ActionKinds.ChangeAddress, Order(status), Address, Now, Settings()));
    }

    [Theory]
    [InlineData("shipped", "shipped")]
    [InlineData("delivered", "shipped")]
    [InlineData("cancelled", "cancelled")]
    [InlineData("refunded", "cancelled")]
    [InlineData("failed", "status")]
    public void Order_past_preparation_may_not_be_cancelled(string status, string code) =>
        Assert.Equal(code, ActionEligibility.Check(ActionKinds.Cancel, Order(status), null, Now, Settings())?.Code);

    [Fact]
    public void Processing_order_with_a_label_already_printed_may_not_be_cancelled() =>
        Assert.Equal("shipped", ActionEligibility.Check(ActionKinds.Cancel, Order("processing", shipped: true), null, Now, Settings())?.Code);

    [Theory]
    [InlineData("", "London", "W1K 1AA", "GB")]
    [InlineData("12 Park Lane", "", "W1K 1AA", "GB")]
    [InlineData("12 Park Lane", "London", " ", "GB")]
    [InlineData("12 Park Lane", "London", "W1K 1AA", "United Kingdom")]
    [InlineData("12 Park Lane", "London", "W1K 1AA", "gb")]
    public void Incomplete_address_is_refused(string line1, string city, string postalCode, string country) =>
        Assert.Equal("address", ActionEligibility.Check(ActionKinds.ChangeAddress, Order("paid"),
            Address with { Line1 = line1, City = city, PostalCode = postalCode, CountryCode = country }, Now, Settings())?.Code);

    [Fact]
    public void Delivered_order_within_the_window_may_be_returned() =>
        Assert.Null(ActionEligibility.Check(ActionKinds.Return, Order("delivered", deliveredAt: Now.AddDays(-29)), null, Now, Settings()));

    [Fact]
    public void Delivered_order_past_the_window_may_not_be_returned() =>
        Assert.Equal("window", ActionEligibility.Check(ActionKinds.Return, Order("delivered", deliveredAt: Now.AddDays(-31)), null, Now, Settings())?.Code);

    [Fact]
    public void Completed_order_without_a_delivery_date_counts_its_window_from_the_order_date() =>
        Assert.Equal("window", ActionEligibility.Check(ActionKinds.Return, Order("completed"), null, Now, Settings(window: 39))?.Code);

    [Fact]
    public void Order_still_on_its_way_may_not_be_returned() =>
        Assert.Equal("not_delivered", ActionEligibility.Check(ActionKinds.Return, Order("shipped", shipped: true), null, Now, Settings())?.Code);

    [Fact]
    public void Return_covers_only_the_items_the_store_takes_back()
    {
        var order = Order("delivered", Now.AddDays(-2), false, "MUG-1", "GIFT-CARD");

        var items = ActionEligibility.ReturnableItems(order, Settings(excluded: "gift-card, SOCKS"));

        Assert.Equal(["MUG-1"], items.Select(i => i.Sku));
        Assert.Equal("excluded", ActionEligibility.Check(ActionKinds.Return, Order("delivered", Now.AddDays(-2), false, "GIFT-CARD"), null, Now,
            Settings(excluded: "GIFT-CARD"))?.Code);
    }
}
