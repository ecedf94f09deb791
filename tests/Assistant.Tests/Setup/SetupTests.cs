using System.Net;
using System.Text.Json.Nodes;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Setup;
using Assistant.Host.Cli;
using Assistant.Tests.Infrastructure;
using Assistant.Zendesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Setup;

public sealed class SetupTests : IAsyncLifetime
{
    private static readonly Uri Outgoing = new("https://assistant.example.com/webhooks/chatwoot");
    private FakeChatwoot _chatwoot = null!;
    private FakeZendesk _zendesk = null!;
    private readonly List<JsonObject> _bots = [];

    public async ValueTask InitializeAsync()
    {
        _chatwoot = await FakeChatwoot.StartAsync();
        _zendesk = await FakeZendesk.StartAsync();
        _chatwoot.On("GET", "/api/v1/accounts/1/agent_bots", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(new JsonArray([.. _bots.Select(b => b.DeepClone())]).ToJsonString()), userOnly: true));
        _chatwoot.On("POST", "/api/v1/accounts/1/agent_bots", r => FakeChatwoot.Authorized(r, () =>
        {
            var bot = JsonNode.Parse(r.Body)!.AsObject();
            bot["id"] = 12;
            _bots.Add(bot);
            return FakeResponse.Json(bot.ToJsonString());
        }, userOnly: true));
        _chatwoot.On("PATCH", "/api/v1/accounts/1/agent_bots/12", r => FakeChatwoot.Authorized(r, () =>
        {
            _bots[0]["outgoing_url"] = JsonNode.Parse(r.Body)!["outgoing_url"]!.GetValue<string>();
            return FakeResponse.Json(_bots[0].ToJsonString());
        }, userOnly: true));
        _chatwoot.On("GET", "/api/v1/accounts/1/agent_bots/12", r => FakeChatwoot.Authorized(r, () =>
            FakeResponse.Json("""{"id":12,"name":"Shopping assistant","access_token":"new-bot-token","secret":"new-bot-secret"}"""), userOnly: true));
        _chatwoot.On("POST", "/api/v1/accounts/1/inboxes/3/set_agent_bot", r => FakeChatwoot.Authorized(r, () => new FakeResponse(HttpStatusCode.OK), userOnly: true));
        _chatwoot.On("POST", "/api/v1/accounts/1/inboxes/99/set_agent_bot", FakeResponse.Error(HttpStatusCode.NotFound));
    }

    public async ValueTask DisposeAsync()
    {
        await _chatwoot.DisposeAsync();
        await _zendesk.DisposeAsync();
    }

    [Fact]
    public async Task Setup_creates_the_bot_connects_inboxes_and_reads_its_token_and_secret_then_changes_nothing_on_a_rerun()
    {
        await using var services = ChatwootServices(FakeChatwoot.UserToken);
        var setup = services.GetRequiredService<ChatwootSetup>();

        var first = await setup.RunAsync(1, "Shopping assistant", Outgoing, [3], TestContext.Current.CancellationToken);
        var second = await setup.RunAsync(1, "Shopping assistant", Outgoing, [3], TestContext.Current.CancellationToken);

        Assert.Equal((12L, true, "new-bot-token", "new-bot-secret"), (first.BotId, first.Created, first.AccessToken, first.Secret));
        Assert.Equal((false, false), (second.Created, second.Updated));
        Assert.Single(_chatwoot.RequestsTo("POST", "/api/v1/accounts/1/agent_bots"));
        Assert.Equal("""{"agent_bot":12}""", _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/inboxes/3/set_agent_bot")[0].Body);
    }

    [Fact]
    public async Task Setup_updates_the_outgoing_url_of_an_existing_bot()
    {
        _bots.Add(new JsonObject { ["id"] = 12, ["name"] = "Shopping assistant", ["outgoing_url"] = "https://old.example.com/webhooks/chatwoot" });
        await using var services = ChatwootServices(FakeChatwoot.UserToken);

        var result = await services.GetRequiredService<ChatwootSetup>().RunAsync(1, "Shopping assistant", Outgoing, [], TestContext.Current.CancellationToken);

        Assert.True(result.Updated);
        Assert.Equal(Outgoing.AbsoluteUri, _bots[0]["outgoing_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Setup_with_an_unknown_inbox_says_so()
    {
        await using var services = ChatwootServices(FakeChatwoot.UserToken);

        var error = await Assert.ThrowsAsync<ChatwootApiException>(() =>
            services.GetRequiredService<ChatwootSetup>().RunAsync(1, "Shopping assistant", Outgoing, [99], TestContext.Current.CancellationToken));

        Assert.Contains("no inbox 99", error.Message);
    }

    [Fact]
    public async Task Setup_with_a_token_that_is_not_an_administrators_names_the_setting()
    {
        await using var services = ChatwootServices(FakeChatwoot.BotToken);

        var error = await Assert.ThrowsAsync<ChatwootAuthorizationException>(() =>
            services.GetRequiredService<ChatwootSetup>().RunAsync(1, "Shopping assistant", Outgoing, [3], TestContext.Current.CancellationToken));

        Assert.Contains("Chatwoot__UserToken", error.Message);
    }

    [Fact]
    public async Task Zendesk_setup_creates_the_event_webhook_once_and_reads_its_signing_secret()
    {
        var hooks = new JsonArray();
        _zendesk.On("GET", "/api/v2/webhooks", _ => FakeResponse.Json(new JsonObject { ["webhooks"] = hooks.DeepClone() }.ToJsonString()));
        _zendesk.On("POST", "/api/v2/webhooks", r =>
        {
            var hook = JsonNode.Parse(r.Body)!["webhook"]!.AsObject().DeepClone().AsObject();
            hook["id"] = "01HWEBHOOK";
            hooks.Add(hook);
            return new FakeResponse(HttpStatusCode.Created, new JsonObject { ["webhook"] = hook.DeepClone() }.ToJsonString());
        });
        _zendesk.On("GET", "/api/v2/webhooks/01HWEBHOOK/signing_secret", FakeResponse.Json("""{"signing_secret":{"algorithm":"SHA256","secret":"zendesk-secret"}}"""));
        await using var services = ZendeskServices();
        var zendesk = services.GetRequiredService<ZendeskClient>();
        var endpoint = new Uri("https://assistant.example.com/webhooks/zendesk");
        string[] events = ["zen:event-type:ticket.comment_added", "zen:event-type:ticket.status_changed"];

        var first = await zendesk.EnsureWebhookAsync("Chatwoot shopping assistant", endpoint, events, TestContext.Current.CancellationToken);
        var second = await zendesk.EnsureWebhookAsync("Chatwoot shopping assistant", endpoint, events, TestContext.Current.CancellationToken);
        var secret = await zendesk.GetWebhookSigningSecretAsync(first.Id, TestContext.Current.CancellationToken);

        Assert.Equal((("01HWEBHOOK", true), ("01HWEBHOOK", false), "zendesk-secret"), (first, second, secret));
        var created = Assert.Single(_zendesk.RequestsTo("POST", "/api/v2/webhooks")).Json.GetProperty("webhook");
        Assert.Equal(("POST", "json"), (created.GetProperty("http_method").GetString(), created.GetProperty("request_format").GetString()));
        Assert.Equal(events, created.GetProperty("subscriptions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Setup_command_without_chatwoot_settings_exits_with_the_configuration_error_code()
    {
        var code = await AssistantCli.RunAsync(["setup", "chatwoot", "--url", Outgoing.AbsoluteUri, "--Chatwoot:BaseUrl="]);

        Assert.Equal(AssistantCli.ConfigurationErrorExitCode, code);
    }

    private ServiceProvider ChatwootServices(string userToken) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chatwoot:BaseUrl"] = _chatwoot.BaseUrl.ToString(),
            ["Chatwoot:AllowPlainHttp"] = "true",
            ["Chatwoot:UserToken"] = userToken,
            ["Http:BaseDelay"] = "00:00:00.010",
        }).Build())
        .AddLogging()
        .AddAssistantChatwoot(forService: false)
        .BuildServiceProvider();

    private ServiceProvider ZendeskServices() => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zendesk:BaseUrl"] = _zendesk.BaseUrl.ToString(),
            ["Zendesk:AllowPlainHttp"] = "true",
            ["Zendesk:Email"] = "admin@acme.test",
            ["Zendesk:ApiToken"] = "token",
        }).Build())
        .AddLogging()
        .AddAssistantZendeskClient()
        .BuildServiceProvider();
}
