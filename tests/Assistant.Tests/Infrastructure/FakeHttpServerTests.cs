using System.Net;

namespace Assistant.Tests.Infrastructure;

/// <summary>The fakes are WireMock.Net servers; these pin the promises the other tests rely on.</summary>
public sealed class FakeHttpServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unscripted_request_is_answered_501_and_fails_the_test_that_made_it()
    {
        var zendesk = await FakeZendesk.StartAsync();
        using var http = new HttpClient { BaseAddress = zendesk.BaseUrl };

        using var response = await http.DeleteAsync("api/v2/tickets/1", Token);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await zendesk.DisposeAsync());
        Assert.Contains("DELETE /api/v2/tickets/1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_that_throws_fails_the_test_instead_of_passing_as_a_500()
    {
        var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.On("GET", "/boom", _ => throw new InvalidOperationException("scripted route broke"));
        using var http = new HttpClient { BaseAddress = chatwoot.BaseUrl };

        using var response = await http.GetAsync("boom", Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await chatwoot.DisposeAsync());
        Assert.Contains("scripted route broke", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_routes_win_and_every_request_is_recorded_in_order()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.On("GET", "/ping", FakeResponse.Json("""{"n":1}"""));
        chatwoot.On("GET", "/ping", FakeResponse.Json("""{"n":2}"""));
        using var http = new HttpClient { BaseAddress = chatwoot.BaseUrl };

        var body = await http.GetStringAsync("ping?x=1", Token);

        Assert.Equal("""{"n":2}""", body);
        var request = Assert.Single(chatwoot.Requests);
        Assert.Equal(("GET", "/ping", "?x=1"), (request.Method, request.Path, request.Query));
    }

    [Fact]
    public async Task Unknown_chatwoot_conversation_is_a_404_as_in_chatwoot_not_a_test_failure()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        using var http = new HttpClient { BaseAddress = chatwoot.BaseUrl };

        using var response = await http.GetAsync("api/v1/accounts/1/conversations/999", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(chatwoot.Unexpected);
    }
}
