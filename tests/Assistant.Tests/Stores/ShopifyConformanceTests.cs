using Assistant.Engine.Store;
using Assistant.Stores.Shopify;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Infrastructure.Shopify;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Stores;

public sealed class ShopifyConformanceTests : StoreConformanceTests
{
    private FakeShopify? _shopify;

    protected override Task<(IOrderStore Orders, IProductCatalog Catalog)> AdapterAsync(DemoShop shop)
    {
        _shopify ??= new FakeShopify();
        shop.FillShopify(_shopify);
        var store = ShopifyAdapter.For(_shopify);
        return Task.FromResult<(IOrderStore, IProductCatalog)>((store, store));
    }

    public override async ValueTask DisposeAsync()
    {
        if (_shopify is not null)
        {
            await _shopify.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>The Shopify adapter pointed at a fake shop, without the host.</summary>
public static class ShopifyAdapter
{
    public static ShopifyStore For(FakeShopify shopify, ShopifyShopState? state = null)
    {
        var options = new ShopifyOptions { ShopDomain = shopify.BaseUrl.ToString(), AllowPlainHttp = true, AccessToken = FakeShopify.AccessToken, ApiVersion = FakeShopify.ApiVersion };
        state ??= new ShopifyShopState();
        var client = new ShopifyClient(new HttpClient { BaseAddress = shopify.BaseUrl }, new StaticOptionsMonitor<ShopifyOptions>(options), state,
            TimeProvider.System, NullLogger<ShopifyClient>.Instance);
        return new ShopifyStore(client, state);
    }
}
