using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Assistant.Zendesk;

/// <summary>Basic authentication as the bridge agent (<c>{email}/token:{api token}</c>), read at send time.</summary>
public sealed class ZendeskAuthHandler(IOptionsMonitor<ZendeskOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", options.CurrentValue.BasicCredentials());
        return base.SendAsync(request, cancellationToken);
    }
}
