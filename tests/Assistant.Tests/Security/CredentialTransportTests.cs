using System.Net;
using Assistant.Agent;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Turns;
using Assistant.Tests.Infrastructure;
using Assistant.Zendesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Tests.Security;

/// <summary>Tokens travel only over https (unless a setting admits a local set-up), and never follow a redirect.</summary>
public sealed class CredentialTransportTests : IAsyncLifetime
{
    private FakeChatwoot _chatwoot = null!;
    private FakeZendesk _zendesk = null!;
    private FakeOpenAI _openAI = null!;
    private FakeChatwoot _elsewhere = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _chatwoot = await FakeChatwoot.StartAsync();
        _zendesk = await FakeZendesk.StartAsync();
        _openAI = await FakeOpenAI.StartAsync();
        _elsewhere = await FakeChatwoot.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _chatwoot.DisposeAsync();
        await _zendesk.DisposeAsync();
        await _openAI.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task Chatwoot_redirect_is_not_followed_with_the_bot_token()
    {
        // Arrange
        _chatwoot.On("GET", "/api/v1/accounts/1/conversations/42", RedirectElsewhere());
        await using var services = Services(new()
        {
            ["Chatwoot:BaseUrl"] = _chatwoot.BaseUrl.ToString(),
            ["Chatwoot:AllowPlainHttp"] = "true",
            ["Chatwoot:BotToken"] = FakeChatwoot.BotToken,
            ["Chatwoot:WebhookSecret"] = "secret",
        }, s => s.AddAssistantChatwoot());

        // Act
        var error = await Assert.ThrowsAsync<ChatwootApiException>(() => services.GetRequiredService<ChatwootClient>().GetConversationAsync(1, 42, Token));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, error.StatusCode);
        Assert.Empty(_elsewhere.Requests);
    }

    [Fact]
    public async Task Zendesk_redirect_is_not_followed_with_the_credentials()
    {
        _zendesk.On("GET", "/api/v2/users/me", RedirectElsewhere());
        await using var services = Services(new()
        {
            ["Zendesk:BaseUrl"] = _zendesk.BaseUrl.ToString(),
            ["Zendesk:AllowPlainHttp"] = "true",
            ["Zendesk:Email"] = "bridge@acme.test",
            ["Zendesk:ApiToken"] = KnownSecrets.ZendeskApiToken,
        }, s => s.AddAssistantZendeskClient());

        await Assert.ThrowsAsync<ZendeskApiException>(() => services.GetRequiredService<ZendeskClient>().GetMeAsync(Token));

        Assert.Empty(_elsewhere.Requests);
    }

    [Fact]
    public async Task Model_endpoint_redirect_is_not_followed_with_the_api_key()
    {
        _openAI.On("POST", "/v1/chat/completions", RedirectElsewhere());
        var client = ModelClient.Create(new LlmOptions { Endpoint = _openAI.Endpoint, ApiKey = KnownSecrets.LlmApiKey, AllowPlainHttp = true }, NullLoggerFactory.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetChatMessageContentAsync(new ChatHistory([new ChatMessageContent(AuthorRole.User, "hi")]), cancellationToken: Token));

        Assert.Empty(_elsewhere.Requests);
    }

    [Theory]
    [InlineData(false, "Chatwoot__BaseUrl uses http://, which would send its token in clear text: use https://, or set Chatwoot__AllowPlainHttp=true for a local development set-up.")]
    [InlineData(true, null)]
    public void Chatwoot_base_url_over_http_needs_the_explicit_setting(bool allow, string? failure)
    {
        var options = new ChatwootOptions { BaseUrl = new Uri("http://chat.example.com"), BotToken = "t", WebhookSecret = "s", AllowPlainHttp = allow };

        var result = new ChatwootOptionsValidator().Validate(null, options);

        Assert.Equal(failure is null ? null : [failure], result.Failures);
    }

    [Fact]
    public void Zendesk_and_model_urls_over_http_need_their_settings_too()
    {
        var zendesk = new ZendeskOptions { Enabled = true, BaseUrl = new Uri("http://acme.zendesk.com"), Email = "e", ApiToken = "t", WebhookSecret = "s" };
        var llm = new LlmOptions { Endpoint = new Uri("http://llm.internal/v1"), ApiKey = "k" };

        Assert.Contains("Zendesk__AllowPlainHttp=true", Assert.Single(new ZendeskOptionsValidator().Validate(null, zendesk).Failures!));
        Assert.Contains("Llm__AllowPlainHttp=true", Assert.Single(new LlmOptionsValidator().Validate(null, llm).Failures!));
        Assert.True(new LlmOptionsValidator().Validate(null, new LlmOptions { Endpoint = new Uri("http://localhost:11434/v1"), AllowPlainHttp = true }).Succeeded);
    }

    private FakeResponse RedirectElsewhere() =>
        FakeResponse.Error(HttpStatusCode.Redirect, headers: new Dictionary<string, string> { ["Location"] = new Uri(_elsewhere.BaseUrl, "capture").ToString() });

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection> add)
    {
        settings["Http:BaseDelay"] = "00:00:00.010";
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging();
        add(services);
        return services.BuildServiceProvider();
    }
}
