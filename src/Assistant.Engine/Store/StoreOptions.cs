namespace Assistant.Engine.Store;

public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>
    /// Where the store's customers, orders and products are read: <c>postgres</c> (the default: the <c>shop</c>
    /// tables or views), <c>shopify</c> or <c>woocommerce</c>.
    /// </summary>
    public string Kind { get; set; } = StoreKinds.Postgres;

    /// <summary>How long a read from a store platform's API is kept, so one turn's repeated look-ups cost one call.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The store's display name, used in the prompt.</summary>
    public string Name { get; set; } = "our store";

    /// <summary>Where a customer sees an order, e.g. <c>https://shop.example.com/orders/{orderNumber}</c>.</summary>
    public string? OrderUrlTemplate { get; set; }

    /// <summary>
    /// The secret the store's site signs customer identities with (<see cref="Identity.StoreIdentityToken"/>); at
    /// least 32 characters. Unset: no store-signed identity is accepted.
    /// </summary>
    public string? IdentitySecret { get; set; }

    /// <summary>Admits <c>http:</c> links (not only <c>https:</c>) in cards, articles and tracking buttons.</summary>
    public bool AllowHttpLinks { get; set; }

    /// <summary>
    /// The store's own domains, comma-separated (<c>shop.example.com,example-cdn.com</c>): links the model writes must be
    /// on one of them (subdomains included) or be links a tool returned. The order page's host counts too.
    /// </summary>
    public string? LinkDomains { get; set; }

    public IReadOnlyList<string> LinkDomainList =>
        [.. (LinkDomains ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(Uri.TryCreate(OrderUrlTemplate?.Replace("{orderNumber}", "1", StringComparison.Ordinal), UriKind.Absolute, out var page) ? [page.Host] : [])
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    public string? OrderUrl(string orderNumber) =>
        string.IsNullOrWhiteSpace(OrderUrlTemplate) ? null : OrderUrlTemplate.Replace("{orderNumber}", Uri.EscapeDataString(orderNumber), StringComparison.Ordinal);
}

/// <summary>The values of <c>Store__Kind</c>.</summary>
public static class StoreKinds
{
    public const string Postgres = "postgres";
    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";

    public static IReadOnlyList<string> All { get; } = [Postgres, Shopify, WooCommerce];
}
