using System.Net;
using Assistant.Engine.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace Assistant.Host.Endpoints;

/// <summary>
/// <c>Http__TrustedProxies</c>: the reverse proxies (addresses or CIDR networks, comma-separated) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the service believes, so that behind a TLS proxy a request
/// counts as https (the admin cookie is then <c>Secure</c>) and the client's address is the real one (the sign-in
/// throttle and the audit log). Nobody else's forwarded headers are read: a client could name any address.
/// </summary>
internal static class TrustedProxies
{
    public const string Setting = "Http:TrustedProxies";

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var configured = app.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new ConfigurationException($"Http__TrustedProxies: '{entry}' is neither an IP address nor a network like 10.0.0.0/8.");
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
