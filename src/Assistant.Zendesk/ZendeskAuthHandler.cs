using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Assistant.Zendesk;

/// <summary>Basic authentication as the bridge agent (<c>{email}/token:{api token}</c>), read at send time.</summary>
public sealed class ZendeskAuthHandler(IOptionsMonitor<ZendeskOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{current.Email}/token:{current.ApiToken}")));
        return base.SendAsync(request, cancellationToken);
    }
}
