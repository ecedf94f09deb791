namespace Assistant.Stores.WooCommerce;

/// <summary>The WooCommerce store (<c>WooCommerce__*</c>), read through its REST API v3 with a consumer key and secret.</summary>
public sealed class WooCommerceOptions
{
    public const string SectionName = "WooCommerce";

    /// <summary>The WordPress site's address, e.g. <c>https://shop.example.com</c> (the REST API answers under <c>/wp-json/wc/v3</c>).</summary>
    public string? SiteUrl { get; set; }

    /// <summary>The REST API key's consumer key (<c>ck_…</c>), with read access (read/write for order actions).</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The REST API key's consumer secret (<c>cs_…</c>).</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>Admits an <c>http://</c> <see cref="SiteUrl"/>: only for a local fake (the key would travel in the clear).</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>One call's limit, retries included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public Uri? BaseUrl => string.IsNullOrWhiteSpace(SiteUrl) ? null
        : Uri.TryCreate(SiteUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
