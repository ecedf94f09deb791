using System.Net;
using System.Text;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Host;

/// <summary>Chatwoot before 4.13 signs nothing: the Agent Bot's outgoing URL carries <c>?token=</c> instead.</summary>
public sealed class WebhookTokenTests : IAsyncLifetime
{
    private const string Token = KnownSecrets.ChatwootQueryToken;
    private TestDatabase _database = null!;
    private FakeChatwoot _chatwoot = null!;
    private AssistantServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _chatwoot = await FakeChatwoot.StartAsync();
        _chatwoot.AddConversation(1, 42);
        var settings = AssistantServer.DefaultSettings(_database, _chatwoot.BaseUrl);
        settings["Chatwoot:WebhookSecret"] = null;
        settings["Chatwoot:WebhookToken"] = Token;
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug";
        _server = await AssistantServer.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _chatwoot.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Webhook_with_the_right_token_is_accepted_and_the_token_is_never_logged()
    {
        using var response = await PostAsync($"/webhooks/chatwoot?token={Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["done"], await _database.InboxDrainedAsync());
        Assert.False(_server.Logs.Contains(Token), "a log line contains the webhook token");
        Assert.True(_server.Logs.Contains("POST /webhooks/chatwoot answered 200"), "the request log line is missing");
    }

    [Fact]
    public async Task Webhook_with_a_wrong_or_missing_token_is_401_and_stores_nothing()
    {
        using var wrong = await PostAsync("/webhooks/chatwoot?token=guess");
        using var missing = await PostAsync("/webhooks/chatwoot");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, await _database.CountAsync("inbox_events"));
    }

    private async Task<HttpResponseMessage> PostAsync(string path)
    {
        using var content = new StringContent(new MessageWebhookBuilder().ToJson(), Encoding.UTF8, "application/json");
        return await _server.Http.PostAsync(path, content, TestContext.Current.CancellationToken);
    }
}
