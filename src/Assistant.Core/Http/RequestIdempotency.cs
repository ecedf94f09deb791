namespace Assistant.Core.Http;

/// <summary>
/// Marks requests that must not be repeated once the server may have acted on them (creating a message):
/// those are retried only when the server certainly did nothing (429, or no connection was made).
/// </summary>
public static class RequestIdempotency
{
    public static readonly HttpRequestOptionsKey<bool> NotIdempotent = new("Assistant.NotIdempotent");

    public static HttpRequestMessage MarkNotIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(NotIdempotent, true);
        return request;
    }

    public static bool IsNotIdempotent(this HttpRequestMessage request) =>
        request.Options.TryGetValue(NotIdempotent, out var value) && value;
}
