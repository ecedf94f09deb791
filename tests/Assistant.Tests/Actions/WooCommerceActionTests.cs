using Assistant.Tests.Infrastructure.WooCommerce;
using Assistant.Tests.Stores;

namespace Assistant.Tests.Actions;

/// <summary>Order actions against WooCommerce: one PUT or POST each, never repeated, and the order (or its notes) read back.</summary>
public sealed class WooCommerceActionTests : PlatformActionTestBase
{
    private readonly FakeWooCommerce _woo = new();

    protected override void Fill(DemoShop shop) => shop.FillWooCommerce(_woo);

    protected override void Connect(Dictionary<string, string?> settings)
    {
        settings["Store:Kind"] = "woocommerce";
        settings["WooCommerce:SiteUrl"] = _woo.BaseUrl.ToString();
        settings["WooCommerce:ConsumerKey"] = FakeWooCommerce.ConsumerKey;
        settings["WooCommerce:ConsumerSecret"] = FakeWooCommerce.ConsumerSecret;
        settings["WooCommerce:AllowPlainHttp"] = "true";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _woo.DisposeAsync();
    }

    private string OrderStatus(string number) => _woo.Orders.Single(o => o["number"]!.GetValue<string>() == number)["status"]!.GetValue<string>();

    [Fact]
    public async Task Customer_cancels_an_unfulfilled_order_end_to_end_on_the_widget()
    {
        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        var write = Assert.Single(_woo.Writes);
        Assert.Equal(("PUT", """{"status":"cancelled"}"""), (write.Method, write.Body));
        Assert.Equal("cancelled", OrderStatus("1043"));
        Assert.Equal("Done: order #1043 is cancelled. The store now shows: Cancelled.", PublicTexts()[^1]);
    }

    [Fact]
    public async Task Read_only_key_is_a_refusal_handed_to_people()
    {
        // Arrange
        _woo.ReadOnlyKey = true;

        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        Assert.Single(_woo.Writes);
        Assert.Equal(["failed"], await ActionStatesAsync());
        Assert.Contains(Notes(), n => n.Contains("not allowed to edit", StringComparison.Ordinal));
        Assert.Equal(["answered", "handed_off"], await SettledTurnsAsync());
    }

    [Fact]
    public async Task Write_whose_answer_was_lost_is_read_back_and_never_sent_again()
    {
        // Arrange
        _woo.WritesAnsweredUnavailable = 1;

        // Act
        await ConfirmAsync("Actions_CancelOrder", """{"orderNumber":"1043"}""");

        // Assert
        Assert.Single(_woo.Writes);
        Assert.Equal(["executed"], await ActionStatesAsync());
    }

    [Fact]
    public async Task Return_request_is_a_private_note_for_the_staff_read_back_by_its_reference()
    {
        // Act
        await ConfirmAsync("Actions_RequestReturn", """{"orderNumber":"1001","reason":"Too small"}""", s => s["Actions:ReturnWindowDays"] = "365");

        // Assert
        var orderId = _woo.Orders.Single(o => o["number"]!.GetValue<string>() == "1001")["id"]!.ToString();
        var note = Assert.Single(_woo.NotesOf(orderId));
        Assert.False(note["customer_note"]!.GetValue<bool>());
        Assert.Contains("Reason given: Too small", note["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["executed"], await ActionStatesAsync());
    }

    [Fact]
    public async Task Address_change_replaces_the_shipping_address()
    {
        // Act
        await ConfirmAsync("Actions_ChangeShippingAddress",
            """{"orderNumber":"1043","name":"Jane Doe","line1":"12 Park Lane","city":"London","postalCode":"W1K 1AA","countryCode":"GB"}""");

        // Assert
        var shipping = _woo.Orders.Single(o => o["number"]!.GetValue<string>() == "1043")["shipping"]!;
        Assert.Equal(("Jane", "Doe", "12 Park Lane", "GB"),
            (shipping["first_name"]!.GetValue<string>(), shipping["last_name"]!.GetValue<string>(), shipping["address_1"]!.GetValue<string>(), shipping["country"]!.GetValue<string>()));
        Assert.Equal(["executed"], await ActionStatesAsync());
    }
}
