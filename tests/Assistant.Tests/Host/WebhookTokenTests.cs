using System.Net;
using System.Text;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Host;

/// <summary>Chatwoot before 4.13 signs nothing: the Agent Bot's outgoing URL carries <c>?token=</c> instead.</summary>
public sealed class WebhookTokenTests : ServiceTestBase
{
    private const string QueryToken = KnownSecrets.ChatwootQueryToken;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Chatwoot:WebhookSecret"] = null;
        settings["Chatwoot:WebhookToken"] = QueryToken;
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug";
    }

    [Fact]
    public async Task Webhook_with_the_right_token_is_accepted_and_the_token_is_never_logged()
    {
        using var response = await PostAsync($"/webhooks/chatwoot?token={QueryToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["done"], await Database.InboxDrainedAsync());
        Assert.False(Server.Logs.Contains(QueryToken), "a log line contains the webhook token");
        Assert.True(Server.Logs.Contains("POST /webhooks/chatwoot answered 200"), "the request log line is missing");
    }

    [Fact]
    public async Task Webhook_with_a_wrong_or_missing_token_is_401_and_stores_nothing()
    {
        using var wrong = await PostAsync("/webhooks/chatwoot?token=guess");
        using var missing = await PostAsync("/webhooks/chatwoot");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    private async Task<HttpResponseMessage> PostAsync(string path)
    {
        using var content = new StringContent(new MessageWebhookBuilder().ToJson(), Encoding.UTF8, "application/json");
        return await Server.Http.PostAsync(path, content, TestContext.Current.CancellationToken);
    }
}
