using Assistant.Host.Cli;
using Assistant.Stores.Setup;
using Assistant.Tests.Infrastructure.Shopify;
using Assistant.Tests.Infrastructure.WooCommerce;
using Assistant.Tests.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Setup;

/// <summary><c>assistant setup shopify|woocommerce</c>: the credentials are checked, and what is missing is named.</summary>
public sealed class StoreSetupTests : IAsyncLifetime
{
    private readonly FakeShopify _shopify = new();
    private readonly FakeWooCommerce _woo = new();

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _shopify.DisposeAsync();
        await _woo.DisposeAsync();
    }

    [Fact]
    public async Task A_Shopify_token_with_the_read_scopes_is_ready_and_the_useful_extras_are_reported()
    {
        await using var services = ShopifyAdapter.Services(_shopify);

        var report = await services.GetRequiredService<ShopifySetup>().RunAsync(Token);

        Assert.True(report.Ready);
        Assert.Contains("Acme Outfitters (acme.myshopify.com)", report.Shop);
        Assert.Equal(["read_all_orders", "write_orders", "write_returns"], report.Checks.Where(c => !c.Granted).Select(c => c.Name));
    }

    [Fact]
    public async Task A_Shopify_token_without_the_write_scope_an_action_that_is_on_needs_is_not_ready()
    {
        await using var services = ShopifyAdapter.Services(_shopify, s => s["Actions:Cancel"] = "auto");

        var report = await services.GetRequiredService<ShopifySetup>().RunAsync(Token);

        Assert.False(report.Ready);
        Assert.Equal(["write_orders"], report.Checks.Where(c => c.Required && !c.Granted).Select(c => c.Name));
    }

    [Fact]
    public async Task A_Shopify_token_without_read_customers_is_not_ready_and_says_so()
    {
        _shopify.Scopes.Remove("read_customers");
        await using var services = ShopifyAdapter.Services(_shopify);

        var report = await services.GetRequiredService<ShopifySetup>().RunAsync(Token);

        Assert.False(report.Ready);
        Assert.Equal(["read_customers"], report.Checks.Where(c => c.Required && !c.Granted).Select(c => c.Name));
    }

    [Fact]
    public async Task A_write_scope_grants_the_read_scope_of_the_same_resource()
    {
        _shopify.Scopes.Remove("read_orders");
        _shopify.Scopes.Add("write_orders");
        await using var services = ShopifyAdapter.Services(_shopify);

        var report = await services.GetRequiredService<ShopifySetup>().RunAsync(Token);

        Assert.True(report.Ready);
    }

    [Fact]
    public async Task A_WooCommerce_key_whose_user_may_not_read_customers_is_not_ready()
    {
        _woo.Denied.Add("customers");
        await using var services = WooCommerceAdapter.Services(_woo);

        var report = await services.GetRequiredService<WooCommerceSetup>().RunAsync(Token);

        Assert.False(report.Ready);
        Assert.Equal(["read customers"], report.Checks.Where(c => !c.Granted).Select(c => c.Name));
        Assert.Contains("currency USD", report.Shop);
    }

    [Fact]
    public async Task The_commands_exit_0_when_ready_1_when_a_permission_is_missing_and_2_for_a_missing_setting()
    {
        string[] shopify = ["setup", "shopify", $"--Shopify:ShopDomain={_shopify.BaseUrl}", "--Shopify:AllowPlainHttp=true", $"--Shopify:AccessToken={FakeShopify.AccessToken}"];
        string[] woo = ["setup", "woocommerce", $"--WooCommerce:SiteUrl={_woo.BaseUrl}", "--WooCommerce:AllowPlainHttp=true",
            $"--WooCommerce:ConsumerKey={FakeWooCommerce.ConsumerKey}", $"--WooCommerce:ConsumerSecret={FakeWooCommerce.ConsumerSecret}"];

        var ready = (await AssistantCli.RunAsync(shopify), await AssistantCli.RunAsync(woo));
        _shopify.Scopes.Remove("read_products");
        _woo.Denied.Add("orders");
        var missing = (await AssistantCli.RunAsync(shopify), await AssistantCli.RunAsync(woo));
        var unset = (await AssistantCli.RunAsync(["setup", "shopify", "--Shopify:ShopDomain="]), await AssistantCli.RunAsync(["setup", "woocommerce", "--WooCommerce:SiteUrl="]));

        Assert.Equal(((0, 0), (1, 1), (2, 2)), (ready, missing, unset));
    }
}
