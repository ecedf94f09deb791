using System.Net;
using System.Net.Sockets;
using System.Text;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Tests.Infrastructure;
using Assistant.Zendesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Security;

/// <summary>
/// Every way a Chatwoot or Zendesk call can fail ends in an exception whose whole text (message, inner exceptions,
/// stack) holds no token: those exceptions are logged, and a filtered test run has no log scan to catch a leak.
/// </summary>
public sealed class ClientErrorSecretsTests : IAsyncLifetime
{
    private const string ZendeskEmail = "bridge@acme.test";
    private FakeChatwoot _chatwoot = null!;
    private FakeZendesk _zendesk = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>What a leaked credential could look like in text: each token, and Zendesk's basic credentials encoded.</summary>
    private static IEnumerable<string> Credentials =>
    [
        FakeChatwoot.BotToken,
        FakeChatwoot.UserToken,
        KnownSecrets.ZendeskApiToken,
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ZendeskEmail}/token:{KnownSecrets.ZendeskApiToken}")),
    ];

    public static TheoryData<string> Failures => ["401", "403", "422", "500", "not json", "refused", "timeout"];

    public async ValueTask InitializeAsync()
    {
        _chatwoot = await FakeChatwoot.StartAsync();
        _zendesk = await FakeZendesk.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _chatwoot.DisposeAsync();
        await _zendesk.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Chatwoot_failures_never_carry_a_token(string failure)
    {
        // Arrange: the failing answer echoes the request's headers, as a misbehaving proxy might.
        var conversation = "/api/v1/accounts/1/conversations/42";
        _chatwoot.OnAsync("GET", conversation, request => AnswerAsync(failure, request));
        _chatwoot.OnAsync("GET", "/api/v1/accounts/1/contacts/77", request => AnswerAsync(failure, request));
        await using var services = Services(failure == "refused" ? ClosedPort() : _chatwoot.BaseUrl);

        // Act
        var botError = await Record.ExceptionAsync(() => services.GetRequiredService<ChatwootClient>().GetConversationAsync(1, 42, Token));
        var userError = await Record.ExceptionAsync(() => services.GetRequiredService<ChatwootUserClient>().GetContactAsync(1, 77, Token));

        // Assert
        AssertHoldsNoCredential(Assert.IsType<ChatwootApiException>(botError, exactMatch: false));
        AssertHoldsNoCredential(Assert.IsType<ChatwootApiException>(userError, exactMatch: false));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Zendesk_failures_never_carry_the_api_token(string failure)
    {
        // Arrange
        _zendesk.OnAsync("GET", "/api/v2/users/me", request => AnswerAsync(failure, request));
        await using var services = Services(_chatwoot.BaseUrl, failure == "refused" ? ClosedPort() : _zendesk.BaseUrl);

        // Act
        var error = await Record.ExceptionAsync(() => services.GetRequiredService<ZendeskClient>().GetMeAsync(Token));

        // Assert
        AssertHoldsNoCredential(Assert.IsType<ZendeskApiException>(error, exactMatch: false));
    }

    private static void AssertHoldsNoCredential(Exception error)
    {
        var text = error.ToString();
        foreach (var credential in Credentials)
        {
            Assert.DoesNotContain(credential, text, StringComparison.Ordinal);
        }
    }

    private static async Task<FakeResponse> AnswerAsync(string failure, RecordedRequest request)
    {
        var echoed = string.Join(", ", request.Headers.Select(h => $"{h.Key}: {h.Value}"));
        switch (failure)
        {
            case "timeout":
                await Task.Delay(TimeSpan.FromSeconds(5), request.Aborted);
                return FakeResponse.Json("{}");
            case "not json":
                return new FakeResponse(HttpStatusCode.OK, $"<html>{echoed}</html>");
            default:
                var status = (HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture);
                return FakeResponse.Error(status, $$"""{"error":"rejected","headers":"{{echoed}}"}""");
        }
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    private static ServiceProvider Services(Uri chatwoot, Uri? zendesk = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chatwoot:BaseUrl"] = chatwoot.ToString(),
            ["Chatwoot:AllowPlainHttp"] = "true",
            ["Chatwoot:BotToken"] = FakeChatwoot.BotToken,
            ["Chatwoot:UserToken"] = FakeChatwoot.UserToken,
            ["Chatwoot:WebhookSecret"] = "secret",
            ["Chatwoot:RequestTimeout"] = "00:00:01",
            ["Zendesk:BaseUrl"] = (zendesk ?? chatwoot).ToString(),
            ["Zendesk:AllowPlainHttp"] = "true",
            ["Zendesk:Email"] = ZendeskEmail,
            ["Zendesk:ApiToken"] = KnownSecrets.ZendeskApiToken,
            ["Http:MaxRetries"] = "0",
            ["Http:AttemptTimeout"] = "00:00:00.500",
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddAssistantChatwoot()
            .AddAssistantZendeskClient()
            .BuildServiceProvider();
    }
}
