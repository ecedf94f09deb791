using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.Shopify;

/// <summary>
/// Shopify's products as the store port's rows: each variant is a row (one SKU per size or colour, as in the
/// <c>shop</c> contract), named after its product and variant, in the customer's language where the shop has a
/// translation; stock only where Shopify tracks it. A variant without a SKU is known by <c>#</c> and its id.
/// </summary>
public static partial class ShopifyProducts
{
    /// <summary>Variants of one product beyond these are left out of a search unless the query names them (a size, a colour).</summary>
    public const int VariantsPerProduct = 3;

    public static ProductRow Row(JsonElement product, JsonElement variant, string currency)
    {
        // A product without options has one variant Shopify calls "Default Title": it is the product itself.
        var onlyVariant = product.Property("hasOnlyDefaultVariant").Boolean() == true;
        var translations = product.Property("translations") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(t => t.Property("value").String() is { Length: > 0 })
                .ToDictionary(t => t.Property("key").String() ?? string.Empty, t => t.Property("value").String()!)
            : [];
        var title = translations.GetValueOrDefault("title") ?? product.Property("title").String() ?? string.Empty;
        var variantTitle = variant.Property("title").String();
        var name = onlyVariant || string.IsNullOrWhiteSpace(variantTitle) || variantTitle == "Default Title" ? title : $"{title} – {variantTitle}";
        var description = translations.GetValueOrDefault("body_html") is { } html ? PlainText(html) : product.Property("description").String();
        var id = variant.Property("legacyResourceId").Int64() ?? 0;
        var url = product.Property("onlineStoreUrl").String();
        return new ProductRow(
            id,
            variant.Property("sku").String() is { Length: > 0 } sku ? sku : $"#{id}",
            name,
            string.IsNullOrWhiteSpace(description) ? null : description,
            product.Path("category", "name").String() ?? (product.Property("productType").String() is { Length: > 0 } type ? type : null),
            ShopifyOrders.Money(variant.Property("price")),
            currency,
            variant.Path("inventoryItem", "tracked").Boolean() == true ? (int?)(variant.Property("inventoryQuantity").Int64() ?? 0) : null,
            ShopifyOrders.Nodes(variant.Property("media")).Select(m => m.Path("preview", "image", "url").String()).FirstOrDefault(u => u is not null)
                ?? product.Path("featuredMedia", "preview", "image", "url").String(),
            url is null || onlyVariant ? url : $"{url}?variant={id}");
    }

    /// <summary>
    /// A searched product's rows: the variants the query's words name (a size, a colour) or, when it names none, the
    /// first few in stock before the rest.
    /// </summary>
    public static IEnumerable<ProductRow> Rows(JsonElement product, string currency, IReadOnlyCollection<string> words)
    {
        var variants = ShopifyOrders.Nodes(product.Property("variants")).ToList();
        var rows = variants.Select(v => (Variant: v, Row: Row(product, v, currency))).ToList();
        var named = rows.Where(r => Engine.Search.SearchTerms.Words(r.Variant.Property("title").String() ?? string.Empty).Any(words.Contains)).ToList();
        return (named.Count > 0 ? named : rows.OrderBy(r => r.Row.Stock is <= 0).Take(VariantsPerProduct).ToList()).Select(r => r.Row);
    }

    public static bool IsActive(JsonElement product) => product.Property("status").String() == "ACTIVE";

    private static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim() is var text && text.Length > 400 ? text[..400] : text;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
