using Assistant.Engine.Store;
using Assistant.Stores.Postgres;
using Assistant.Tests.Infrastructure.Shopify;
using Assistant.Tests.Infrastructure.WooCommerce;
using Dapper;

namespace Assistant.Tests.Stores;

/// <summary>The demo store as read from its PostgreSQL tables, to fill a platform's fake with the same shop.</summary>
public sealed record DemoShop(
    IReadOnlyList<ShopCustomer> Customers, IReadOnlyList<ShopOrderDetails> Orders,
    IReadOnlyList<(ProductRow Product, bool Active, IReadOnlyDictionary<string, (string Name, string? Description)> Translations)> Products)
{
    public static async Task<DemoShop> ReadAsync(ShopDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var customers = (await connection.QueryAsync<ShopCustomer>("SELECT id, name, company, email, phone, external_id, locale FROM shop.customers ORDER BY id")).AsList();
        var orders = await new PostgresOrderStore(database).RecentOrdersAsync([.. customers.Select(c => c.Id)], 10_000, CancellationToken.None);
        var products = (await connection.QueryAsync<ProductRow>(
            "SELECT id, sku, name, description, category, price, currency, stock, image_url, url FROM shop.products ORDER BY id")).AsList();
        var active = (await connection.QueryAsync<long>("SELECT id FROM shop.products WHERE active")).ToHashSet();
        var translations = (await connection.QueryAsync<(long ProductId, string Locale, string Name, string? Description)>(
            "SELECT product_id, locale, name, description FROM shop.product_translations")).ToLookup(t => t.ProductId);
        return new DemoShop(customers, orders, [.. products.Select(p => (p, active.Contains(p.Id),
            (IReadOnlyDictionary<string, (string, string?)>)translations[p.Id].ToDictionary(t => t.Locale, t => (t.Name, t.Description))))]);
    }

    public void FillShopify(FakeShopify shopify)
    {
        shopify.Customers.AddRange(Customers.Select(ShopifyShapes.Customer));
        shopify.Orders.AddRange(Orders.Select(ShopifyShapes.Order));
        shopify.Products.AddRange(Products.Select(p => ShopifyShapes.Product(p.Product, p.Active, p.Translations)));
        shopify.Currency = Products.Select(p => p.Product.Currency).FirstOrDefault() ?? "USD";
    }

    /// <summary>WPML's codes for the demo's languages, as <c>WooCommerce__Languages</c> maps them.</summary>
    public const string WooCommerceLanguages = "zh-CN:zh-hans,vi:vi";

    private static readonly Dictionary<string, string> WpmlLanguages = new() { ["zh-CN"] = "zh-hans", ["vi"] = "vi" };

    public void FillWooCommerce(FakeWooCommerce woo)
    {
        woo.Customers.AddRange(Customers.Select(WooCommerceShapes.Customer));
        woo.Orders.AddRange(Orders.Select(WooCommerceShapes.Order));
        woo.Products.AddRange(Products.Select(p => WooCommerceShapes.Product(p.Product, p.Active)));
        foreach (var (product, _, translations) in Products)
        {
            woo.Translations[product.Id] = translations.ToDictionary(t => WpmlLanguages[t.Key], t => t.Value);
        }
        woo.Currency = Products.Select(p => p.Product.Currency).FirstOrDefault() ?? "USD";
    }

    /// <summary>An order as a customer sees it, without the ids each store makes up for items and shipments.</summary>
    public static object Seen(ShopOrderDetails? details) => details is null ? "none" : new
    {
        details.Order.OrderNumber,
        details.Order.CustomerId,
        details.Order.Status,
        details.Order.Currency,
        details.Order.Subtotal,
        details.Order.ShippingFee,
        details.Order.Total,
        PlacedAt = Seconds(details.Order.PlacedAt),
        Owner = (details.Owner.Id, details.Owner.Name, details.Owner.Email, details.Owner.Phone),
        Items = string.Join(" | ", details.Items.Select(i => $"{i.Sku} {i.Name} {i.Quantity} {i.UnitPrice.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} {i.ImageUrl}")),
        Shipments = string.Join(" | ", details.Shipments.Select(s =>
            $"{s.Carrier} {s.TrackingNumber} {s.TrackingUrl} {s.Status} {Seconds(s.ShippedAt)} {s.EstimatedDelivery} {Seconds(s.DeliveredAt)}: "
            + string.Join("; ", details.Events.Where(e => e.ShipmentId == s.Id).Select(e => $"{Seconds(e.OccurredAt)} {e.Location} {e.Description}")))),
    };

    private static string? Seconds(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
