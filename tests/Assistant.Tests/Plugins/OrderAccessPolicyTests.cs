using Assistant.Engine.Contract;
using Assistant.Engine.Store;
using Assistant.Plugins.Orders;

namespace Assistant.Tests.Plugins;

public sealed class OrderAccessPolicyTests
{
    private static readonly ShopCustomer Jane = new(1, "Jane Doe", null, "jane@example.com", "+4915112345678", "cus_jane", "en");
    private static readonly ShopOrderDetails JanesOrder = new(
        new ShopOrder(2, "1042", 1, "shipped", "EUR", 74.40m, 4.90m, 79.30m, DateTimeOffset.UnixEpoch, null), Jane, [], [], []);

    [Theory]
    [InlineData("store", "cus_jane", null, null, true)]
    [InlineData("store", "cus_other", "jane@example.com", "+4915112345678", false)]
    [InlineData("hmac", "cus_jane", null, null, true)]
    [InlineData("hmac", null, "JANE@example.com", null, false)]
    [InlineData("hmac", null, null, "+4915112345678", false)]
    [InlineData("phone", null, null, "+49 151 12345678", true)]
    [InlineData("phone", null, "jane@example.com", null, false)]
    [InlineData("email", null, "jane@example.com", null, true)]
    [InlineData(null, "cus_jane", "jane@example.com", "+4915112345678", false)]
    public void Verified_contact_reads_the_orders_its_proven_address_matches(string? verifiedBy, string? identifier, string? email, string? phone, bool allowed)
    {
        var identity = new CustomerIdentity("Jane", email, phone, identifier, verifiedBy);

        Assert.Equal(allowed, OrderAccessPolicy.CanRead(JanesOrder, identity, null, null, []));
    }

    [Fact]
    public void Unverified_customer_reads_an_order_with_the_email_they_typed()
    {
        Assert.True(OrderAccessPolicy.CanRead(JanesOrder, Anonymous, "jane@example.com", null, ["it's Jane@Example.com"]));
    }

    [Fact]
    public void Proof_that_only_the_model_supplied_proves_nothing()
    {
        Assert.False(OrderAccessPolicy.CanRead(JanesOrder, Anonymous, "jane@example.com", null, ["where is order 1042?"]));
    }

    [Fact]
    public void Wrong_proof_fails_even_when_the_customer_typed_it()
    {
        Assert.False(OrderAccessPolicy.CanRead(JanesOrder, Anonymous, "other@example.com", null, ["other@example.com"]));
    }

    [Theory]
    [InlineData("0151 12345678")]
    [InlineData("+49 151 1234 5678")]
    [InlineData("4915112345678")]
    public void Phone_proof_matches_however_the_number_was_typed(string typed)
    {
        Assert.True(OrderAccessPolicy.CanRead(JanesOrder, Anonymous, null, typed, [$"my number is {typed}"]));
    }

    [Theory]
    [InlineData("000000000")]
    [InlineData("0000-0045-678")]
    [InlineData("0000 1234 5678")]
    [InlineData("11111111")]
    [InlineData("5678")]
    public void Padding_and_placeholders_are_never_a_phone_proof(string typed)
    {
        Assert.False(OrderAccessPolicy.CanRead(JanesOrder, Anonymous, null, typed, [$"my number is {typed}"]));
    }

    [Fact]
    public void A_placeholder_phone_on_the_shop_record_proves_nothing()
    {
        var placeholder = JanesOrder with { Owner = Jane with { Phone = "0000000000" } };

        Assert.False(OrderAccessPolicy.CanRead(placeholder, Anonymous, null, "0000000000", ["0000000000"]));
        Assert.False(OrderAccessPolicy.IsVerifiedCustomer(placeholder.Owner, new CustomerIdentity(null, null, "+0000000000", null, "phone")));
    }

    [Fact]
    public void An_address_that_merely_contains_the_owners_email_is_no_proof()
    {
        Assert.False(OrderAccessPolicy.CanRead(JanesOrder, Anonymous, "jane@example.com", null, ["mine is xjane@example.com.evil"]));
    }

    private static CustomerIdentity Anonymous => new(null, null, null, null, null);
}
