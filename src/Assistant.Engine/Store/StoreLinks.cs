namespace Assistant.Engine.Store;

/// <summary>
/// Which links the assistant may put in front of a customer. Cards, articles and tracking buttons carry only absolute
/// <c>https:</c> links (<c>http:</c> with <c>Store__AllowHttpLinks</c>): a <c>javascript:</c> or <c>data:</c> link in a
/// carrier's tracking URL or a product feed never becomes a button. Links the model writes must be ones a tool
/// returned or on the store's own domains (<c>Store__LinkDomains</c>), so an injected prompt cannot send customers to
/// a look-alike payment page.
/// </summary>
public static class StoreLinks
{
    /// <summary>The link when it is safe to show, as an absolute URI; null otherwise.</summary>
    public static string? Safe(string? url, bool allowHttp) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.AbsoluteUri
            : null;

    /// <summary>Whether a host is one of the store's domains or a subdomain of one.</summary>
    public static bool OnDomains(string host, IEnumerable<string> domains) =>
        domains.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
}
