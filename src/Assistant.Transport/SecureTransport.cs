namespace Assistant.Transport;

/// <summary>
/// How the service's clients carry credentials: never across a redirect (a custom header such as Chatwoot's
/// <c>api_access_token</c> survives one to any host), and never in clear text unless a setting says it is a local
/// development set-up.
/// </summary>
public static class SecureTransport
{
    /// <summary>The handler every credentialed client sends through: a 3xx is an answer to report, not to follow.</summary>
    public static SocketsHttpHandler Handler() => new() { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>A client's base address: a trailing slash keeps a path prefix (a server behind /support/) when Refit's paths are resolved.</summary>
    public static Uri BaseAddress(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    /// <summary>Why <paramref name="url"/> may not carry credentials, or null when it may.</summary>
    /// <param name="setting">The URL's setting, e.g. <c>Chatwoot__BaseUrl</c>.</param>
    /// <param name="allowPlainHttpSetting">The setting that admits <c>http://</c>, e.g. <c>Chatwoot__AllowPlainHttp</c>.</param>
    public static string? Problem(Uri url, string setting, bool allowPlainHttp, string allowPlainHttpSetting)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            return $"{setting} must be an absolute http(s) URL.";
        }

        if (url.Scheme == "http" && !allowPlainHttp)
        {
            return $"{setting} uses http://, which would send its token in clear text: use https://, or set {allowPlainHttpSetting}=true "
                + "for a local development set-up.";
        }

        return string.IsNullOrEmpty(url.UserInfo) ? null : $"{setting} must not contain a user name or password.";
    }
}
