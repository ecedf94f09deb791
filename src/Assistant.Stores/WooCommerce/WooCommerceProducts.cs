using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.WooCommerce;

/// <summary>
/// WooCommerce's products as the store port's rows: one row a product (a variable product's price is its lowest
/// variation's), published ones only, stock only where the shop manages it (an out-of-stock product it does not count
/// is 0). A product without a SKU is known by <c>#</c> and its id.
/// </summary>
public static partial class WooCommerceProducts
{
    public static bool IsPublished(JsonElement product) => product.Property("status").String() == "publish";

    public static ProductRow Row(JsonElement product, string currency)
    {
        var id = product.Property("id").Int64() ?? 0;
        var description = Plain(product.Property("short_description").String()) ?? Plain(product.Property("description").String());
        return new ProductRow(
            id,
            product.Property("sku").String() is { Length: > 0 } sku ? sku : $"#{id}",
            WebUtility.HtmlDecode(product.Property("name").String() ?? string.Empty),
            description,
            WooCommerceOrders.Array(product.Property("categories")).Select(c => c.Property("name").String()).FirstOrDefault(n => n is { Length: > 0 }) is { } category
                ? WebUtility.HtmlDecode(category) : null,
            WooCommerceOrders.Money(product.Property("price")),
            currency,
            Stock(product),
            WooCommerceOrders.Array(product.Property("images")).Select(i => i.Property("src").String()).FirstOrDefault(s => s is { Length: > 0 }),
            product.Property("permalink").String());
    }

    private static int? Stock(JsonElement product) => product.Property("manage_stock").Boolean() == true
        ? (int)(product.Property("stock_quantity").Int64() ?? 0)
        : product.Property("stock_status").String() == "outofstock" ? 0 : null;

    private static string? Plain(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        var text = Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();
        return text.Length == 0 ? null : text.Length > 400 ? text[..400] : text;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
