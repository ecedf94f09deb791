using System.Net;
using Assistant.Chatwoot.Api;
using Assistant.Transport;
using Assistant.Zendesk;
using Polly;
using Refit;
using HttpRetryOptions = Assistant.Transport.HttpRetryOptions;

namespace Assistant.Tests.Http;

public sealed class HttpRetryRuleTests
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
        Assert.Equal(retried, HttpRetryRule.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), Request(), Settings));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    public void Requests_that_are_not_idempotent_retry_only_when_nothing_happened(HttpStatusCode status, bool retried)
    {
        var request = Request(nameof(IChatwootBotApi.CreateMessageAsync));

        Assert.Equal(retried, HttpRetryRule.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), request, Settings));
    }

    [Fact]
    public void Connection_refused_is_retried_even_when_not_idempotent()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");

        Assert.True(HttpRetryRule.ShouldRetry(Outcome.FromException<HttpResponseMessage>(refused), Request(nameof(IChatwootBotApi.CreateMessageAsync)), Settings));
    }

    [Fact]
    public void Response_lost_mid_way_is_not_retried_when_not_idempotent()
    {
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        Assert.False(HttpRetryRule.ShouldRetry(Outcome.FromException<HttpResponseMessage>(reset), Request(nameof(IChatwootBotApi.CreateMessageAsync)), Settings));
        Assert.True(HttpRetryRule.ShouldRetry(Outcome.FromException<HttpResponseMessage>(reset), Request(), Settings));
    }

    [Fact]
    public void Retry_after_longer_than_the_limit_is_not_waited_out_in_line()
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(10));

        Assert.False(HttpRetryRule.ShouldRetry(Outcome.FromResult(response), Request(), Settings));
    }

    [Fact]
    public void Retry_after_is_read_in_seconds_or_as_a_date()
    {
        var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(-5));

        Assert.Equal(TimeSpan.FromSeconds(7), HttpRetryRule.RetryAfter(seconds));
        Assert.Equal(TimeSpan.Zero, HttpRetryRule.RetryAfter(date));
        Assert.Null(HttpRetryRule.RetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests)));
    }

    [Theory]
    [InlineData(typeof(IChatwootBotApi), nameof(IChatwootBotApi.CreateMessageAsync), true)]
    [InlineData(typeof(IChatwootBotApi), nameof(IChatwootBotApi.CreateConversationAsync), true)]
    [InlineData(typeof(IChatwootUserApi), nameof(IChatwootUserApi.CreateContactAsync), true)]
    [InlineData(typeof(IZendeskApi), nameof(IZendeskApi.AddCommentAsync), true)]
    [InlineData(typeof(IChatwootBotApi), nameof(IChatwootBotApi.ToggleStatusAsync), false)]
    [InlineData(typeof(IZendeskApi), nameof(IZendeskApi.CreateTicketAsync), false)]
    public void Api_methods_that_create_without_a_key_are_not_idempotent(Type api, string method, bool notIdempotent)
    {
        Assert.Equal(notIdempotent, Request(method, api).IsNotIdempotent());
    }

    [Fact]
    public async Task Message_creation_built_by_refit_is_not_repeated_after_a_server_error()
    {
        var sent = new List<HttpRequestMessage>();
        var api = RestService.ForGenerated<IChatwootBotApi>(new HttpClient(new CapturingHandler(sent)) { BaseAddress = new Uri("https://chat.example.com/") });

        using var created = await api.CreateMessageAsync(1, 2, new CreateMessageBody("hi", "outgoing", false, "text", null), CancellationToken.None);
        using var toggled = await api.ToggleStatusAsync(1, 2, new ToggleStatusBody("open", null), CancellationToken.None);

        Assert.False(HttpRetryRule.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)), sent[0], Settings));
        Assert.True(HttpRetryRule.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)), sent[1], Settings));
    }

    /// <summary>A request as Refit's generated clients build it, naming the API method it came from.</summary>
    private static HttpRequestMessage Request(string? method = null, Type? api = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://chat.example.com/api");
        if (method is not null)
        {
            request.Options.Set(new HttpRequestOptionsKey<Type>(HttpRequestMessageOptions.InterfaceType), api ?? typeof(IChatwootBotApi));
            request.Options.Set(new HttpRequestOptionsKey<string>(HttpRequestMessageOptions.MethodName), method);
        }

        return request;
    }

    private sealed class CapturingHandler(List<HttpRequestMessage> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
