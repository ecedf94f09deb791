using System.Net;
using Polly;
using Polly.Timeout;

namespace Assistant.Transport;

/// <summary>
/// Which failed attempts the Chatwoot and Zendesk clients repeat: 408, 429, 5xx and connection failures, with the
/// server's <c>Retry-After</c> honoured up to <see cref="HttpRetryOptions.MaxRetryAfter"/>. Requests that are not
/// idempotent are repeated only when the server certainly did nothing.
/// </summary>
public static class HttpRetryRule
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, HttpRetryOptions settings)
    {
        var notIdempotent = request?.IsNotIdempotent() ?? true;
        if (outcome.Exception is { } exception)
        {
            if (exception is OperationCanceledException)
            {
                return false;
            }

            var nothingSent = exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
            return exception is HttpRequestException or TimeoutRejectedException && (nothingSent || !notIdempotent);
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return RetryAfter(response) is not { } wait || wait <= settings.MaxRetryAfter;
        }

        var transient = response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
        return transient && !notIdempotent && (RetryAfter(response) is not { } delay || delay <= settings.MaxRetryAfter);
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), or <c>null</c> when it sent none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
