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

    /// <summary>
    /// For a multilingual shop (WPML or Polylang, which add a <c>lang</c> parameter to the REST API): the customer's
    /// locale and the plugin's language code for it, e.g. <c>zh-CN:zh-hans,vi:vi</c>. Empty: names in the shop's language.
    /// </summary>
    public string? Languages { get; set; }

    /// <summary><see cref="Languages"/> read, or null when it is not a list of <c>locale:code</c> pairs.</summary>
    public IReadOnlyDictionary<string, string>? LanguageCodes
    {
        get
        {
            var pairs = (Languages ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split(':', StringSplitOptions.TrimEntries)).ToList();
            return pairs.All(p => p is [{ Length: > 0 }, { Length: > 0 }])
                ? pairs.GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.OrdinalIgnoreCase)
                : null;
        }
    }

    /// <summary>The plugin's language code for a customer's locale (<c>zh-CN</c>, else <c>zh</c>), or null to use the shop's language.</summary>
    public string? LanguageCode(string locale) =>
        LanguageCodes is not { } codes ? null
        : codes.TryGetValue(locale, out var code) ? code
        : codes.TryGetValue(locale.Split('-')[0], out var primary) ? primary : null;

    public Uri? BaseUrl => string.IsNullOrWhiteSpace(SiteUrl) ? null
        : Uri.TryCreate(SiteUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
