namespace Assistant.Stores.Shopify;

/// <summary>The Shopify store (<c>Shopify__*</c>), read through the Admin GraphQL API with a custom app's token.</summary>
public sealed class ShopifyOptions
{
    public const string SectionName = "Shopify";

    /// <summary>The API version the queries are written for: Shopify supports each for a year.</summary>
    public const string DefaultApiVersion = "2026-10";

    /// <summary><c>acme.myshopify.com</c>, or a full base URL (a proxy, or a local fake with <see cref="AllowPlainHttp"/>).</summary>
    public string? ShopDomain { get; set; }

    /// <summary>The custom app's Admin API access token (<c>shpat_…</c>), sent as <c>X-Shopify-Access-Token</c>.</summary>
    public string? AccessToken { get; set; }

    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Admits an <c>http://</c> <see cref="ShopDomain"/>: only for a local fake.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>One call's limit, retries and a throttle wait included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest the adapter waits for Shopify's query budget to refill before it gives up on the call.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The shop's base address: a bare domain means https.</summary>
    public Uri? BaseUrl => string.IsNullOrWhiteSpace(ShopDomain) ? null
        : Uri.TryCreate(ShopDomain.Contains("://", StringComparison.Ordinal) ? ShopDomain : "https://" + ShopDomain.Trim(), UriKind.Absolute, out var url) ? url : null;

    /// <summary>Where the Admin GraphQL API answers, relative to <see cref="BaseUrl"/>.</summary>
    public string GraphQlPath => $"admin/api/{ApiVersion}/graphql.json";
}
