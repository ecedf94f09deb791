using System.Net;
using Assistant.Core.Http;
using Polly;

namespace Assistant.Tests.Http;

public sealed class TransientRetryHandlerTests
{
    private static readonly HttpRetryOptions Settings = new() { MaxRetryAfter = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Idempotent_requests_retry_transient_statuses(HttpStatusCode status, bool retried)
    {
        Assert.Equal(retried, TransientRetryHandler.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), Request(), Settings));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    public void Requests_that_are_not_idempotent_retry_only_when_nothing_happened(HttpStatusCode status, bool retried)
    {
        var request = Request().MarkNotIdempotent();

        Assert.Equal(retried, TransientRetryHandler.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), request, Settings));
    }

    [Fact]
    public void Connection_refused_is_retried_even_when_not_idempotent()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");

        Assert.True(TransientRetryHandler.ShouldRetry(Outcome.FromException<HttpResponseMessage>(refused), Request().MarkNotIdempotent(), Settings));
    }

    [Fact]
    public void Response_lost_mid_way_is_not_retried_when_not_idempotent()
    {
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        Assert.False(TransientRetryHandler.ShouldRetry(Outcome.FromException<HttpResponseMessage>(reset), Request().MarkNotIdempotent(), Settings));
        Assert.True(TransientRetryHandler.ShouldRetry(Outcome.FromException<HttpResponseMessage>(reset), Request(), Settings));
    }

    [Fact]
    public void Retry_after_longer_than_the_limit_is_not_waited_out_in_line()
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(10));

        Assert.False(TransientRetryHandler.ShouldRetry(Outcome.FromResult(response), Request(), Settings));
    }

    [Fact]
    public void Retry_after_is_read_in_seconds_or_as_a_date()
    {
        var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(-5));

        Assert.Equal(TimeSpan.FromSeconds(7), TransientRetryHandler.RetryAfter(seconds));
        Assert.Equal(TimeSpan.Zero, TransientRetryHandler.RetryAfter(date));
        Assert.Null(TransientRetryHandler.RetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests)));
    }

    private static HttpRequestMessage Request() => new(HttpMethod.Post, "https://chat.example.com/api");
}
