using Assistant.Engine.Store;
using Assistant.Tests.Infrastructure.WooCommerce;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Stores;

public sealed class WooCommerceConformanceTests : StoreConformanceTests
{
    private FakeWooCommerce? _woo;
    private ServiceProvider? _services;

    protected override bool SearchesEveryLanguage => false;

    /// <summary>
    /// WooCommerce knows processing (paid or being prepared), completed, and the Shipment Tracking extension's parcels
    /// with carrier, number, link and ship date: no deliveries, estimates or tracking events.
    /// </summary>
    protected override ShopOrderDetails AsRecorded(ShopOrderDetails order) => order with
    {
        Order = order.Order with
        {
            Status = WooCommerceShapes.Status(order.Order.Status) switch
            {
                "processing" => order.Shipments.Count > 0 ? "shipped" : "processing",
                var status => status,
            },
        },
        Shipments = [.. order.Shipments.Select(s => s with
        {
            Status = "in_transit",
            ShippedAt = s.ShippedAt ?? order.Order.PlacedAt,
            EstimatedDelivery = null,
            DeliveredAt = null,
        })],
        Events = [],
    };

    protected override Task<(IOrderStore Orders, IProductCatalog Catalog)> AdapterAsync(DemoShop shop)
    {
        _woo ??= new FakeWooCommerce();
        shop.FillWooCommerce(_woo);
        _services ??= WooCommerceAdapter.Services(_woo);
        return Task.FromResult(_services.Port());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_woo is not null)
        {
            await _woo.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary><c>Store__Kind=woocommerce</c> pointed at a fake site.</summary>
public static class WooCommerceAdapter
{
    public static ServiceProvider Services(FakeWooCommerce woo, Action<Dictionary<string, string?>>? configure = null) => StoreAdapter.Services(new()
    {
        ["Store:Kind"] = "woocommerce",
        ["WooCommerce:SiteUrl"] = woo.BaseUrl.ToString(),
        ["WooCommerce:AllowPlainHttp"] = "true",
        ["WooCommerce:ConsumerKey"] = FakeWooCommerce.ConsumerKey,
        ["WooCommerce:ConsumerSecret"] = FakeWooCommerce.ConsumerSecret,
        ["WooCommerce:Languages"] = DemoShop.WooCommerceLanguages,
    }, configure);
}
