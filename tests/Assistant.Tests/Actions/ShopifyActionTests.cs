using Assistant.Tests.Infrastructure.Shopify;
using Assistant.Tests.Stores;

namespace Assistant.Tests.Actions;

/// <summary>Order actions against Shopify: the mutations Shopify documents, sent once, and what Shopify then shows read back.</summary>
public sealed class ShopifyActionTests : PlatformActionTestBase
{
    private readonly FakeShopify _shopify = new();

    protected override void Fill(DemoShop shop) => shop.FillShopify(_shopify);

    protected override void Connect(Dictionary<string, string?> settings)
    {
        settings["Store:Kind"] = "shopify";
        settings["Shopify:ShopDomain"] = _shopify.BaseUrl.ToString();
        settings["Shopify:AccessToken"] = FakeShopify.AccessToken;
        settings["Shopify:AllowPlainHttp"] = "true";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _shopify.DisposeAsync();
    }

    private string? OrderField(string number, string field) => _shopify.Orders.Single(o => o["name"]!.GetValue<string>() == "#" + number)[field]?.ToJsonString();

    [Fact]
    public async Task Customer_cancels_an_unfulfilled_order_end_to_end_on_the_widget()
    {
        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        Assert.Single(_shopify.Mutations);
        Assert.Equal("CancelOrder", FakeShopify.Operation(_shopify.Mutations[0]));
        Assert.NotNull(OrderField("1043", "cancelledAt"));
        Assert.Equal(["executed"], await ActionStatesAsync());
        Assert.Equal("Done: order #1043 is cancelled. The store now shows: Cancelled.", PublicTexts()[^1]);
    }

    [Fact]
    public async Task Cancellation_still_in_Shopifys_job_is_reported_as_under_way_not_as_failed()
    {
        // Arrange
        _shopify.CancelJobsLag = true;

        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        Assert.Single(_shopify.Mutations);
        Assert.Equal(["executed"], await ActionStatesAsync());
        Assert.Equal("Your request for order #1043 has been passed to the store. It now shows: Being cancelled.", PublicTexts()[^1]);
    }

    [Fact]
    public async Task Store_refusing_the_write_is_reported_and_handed_to_people()
    {
        // Arrange
        _shopify.RefuseWrites = "Order can't be cancelled because it has an open payment dispute";

        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        Assert.Equal(["answered", "handed_off"], await SettledTurnsAsync());
        Assert.Equal(["failed"], await ActionStatesAsync());
        Assert.Contains(Notes(), n => n.Contains("open payment dispute", StringComparison.Ordinal));
        Assert.StartsWith("Sorry, something went wrong", PublicTexts()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_whose_answer_was_lost_is_read_back_and_never_sent_again()
    {
        // Arrange
        _shopify.WritesAnsweredUnavailable = 1;

        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert: one mutation despite the 503 and Http:MaxRetries=2; the read-back shows it done.
        Assert.Single(_shopify.Mutations);
        Assert.Equal(["executed"], await ActionStatesAsync());
        Assert.StartsWith("Done: order #1043 is cancelled.", PublicTexts()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_that_failed_is_read_back_and_handed_off_without_a_second_try()
    {
        // Arrange
        _shopify.WritesFailedUnavailable = 1;

        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        Assert.Single(_shopify.Mutations);
        Assert.Null(OrderField("1043", "cancelledAt"));
        Assert.Equal(["failed"], await ActionStatesAsync());
        Assert.Equal(["answered", "handed_off"], await SettledTurnsAsync());
    }

    [Fact]
    public async Task Return_request_names_the_fulfilled_items_and_reads_back_requested()
    {
        // Act
        await ConfirmAsync("Actions_RequestReturn", """{"orderNumber":"1001","reason":"Too small"}""", s => s["Actions:ReturnWindowDays"] = "365");

        // Assert
        var input = _shopify.Mutations.Single().Json.GetProperty("variables").GetProperty("input");
        Assert.Equal("gid://shopify/Order/1", input.GetProperty("orderId").GetString());
        Assert.StartsWith("Too small", input.GetProperty("returnLineItems")[0].GetProperty("customerNote").GetString(), StringComparison.Ordinal);
        Assert.Contains("REQUESTED", OrderField("1001", "returns"), StringComparison.Ordinal);
        Assert.StartsWith("Your return request for order #1001 is in.", PublicTexts()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_change_updates_the_shipping_address_and_reads_it_back()
    {
        // Act
        await ConfirmAsync("Actions_ChangeShippingAddress",
            """{"orderNumber":"1043","name":"Jane Doe","line1":"12 Park Lane","city":"London","postalCode":"W1K 1AA","countryCode":"gb"}""");

        // Assert
        Assert.Equal("UpdateShippingAddress", FakeShopify.Operation(_shopify.Mutations.Single()));
        Assert.Contains("12 Park Lane", OrderField("1043", "shippingAddress"), StringComparison.Ordinal);
        Assert.Equal(["executed"], await ActionStatesAsync());
        Assert.StartsWith("Done: order #1043 will go to Jane Doe, 12 Park Lane, London, W1K 1AA, GB.", PublicTexts()[^1], StringComparison.Ordinal);
    }
}
