namespace Assistant.Transport;

/// <summary>
/// Frees the calling work's <see cref="WorkBudget"/> share while a request to another service is in flight, its
/// retries and their back-off included (it is the outermost handler).
/// </summary>
public sealed class ServiceWaitHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (WorkBudget.Away())
        {
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
