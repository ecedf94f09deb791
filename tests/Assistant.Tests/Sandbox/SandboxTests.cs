using System.Text.Json.Nodes;
using Assistant.Host.Sandbox;
using Assistant.Stores.Postgres;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Sandbox;

/// <summary>The terminal sandbox's engine: the real service against the in-process Chatwoot stand-in.</summary>
public sealed class SandboxTests : IAsyncLifetime
{
    private const string IdentitySecret = KnownSecrets.StoreIdentitySecret;

    private TestDatabase _database = null!;
    private SandboxChatwoot _chatwoot = null!;
    private AssistantServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new DemoStore(new ShopDatabase(_database.DataSource)).SeedAsync(CancellationToken.None);
        _chatwoot = await SandboxChatwoot.StartAsync();
        _server = await AssistantServer.StartAsync(AssistantServer.DefaultSettings(_database, _chatwoot.BaseUrl));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _chatwoot.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Customer_at_the_keyboard_gets_the_order_card_and_a_handoff_shows_as_events()
    {
        var session = new SandboxSession(_server.Http, _chatwoot, SandboxCustomer.From("jane@example.com", verified: true, "web", "en"), AssistantServer.WebhookSecret);

        await session.SayAsync("what's the status of order 1042?");
        var card = await NextAsync(e => e.Kind == "message");
        await session.EchoAsync(card.Message!);
        await session.SayAsync("I want to talk to a human");
        var events = new List<SandboxEvent>();
        for (var e = await NextAsync(_ => true); ; e = await NextAsync(_ => true))
        {
            events.Add(e);
            if (e.Kind == "message")
            {
                break;
            }
        }

        Assert.StartsWith("bot ┌ Order #1042 · Shipped", SandboxRenderer.Render(card));
        Assert.Contains(events, e => e.Kind == "note");
        Assert.Contains(events, e => e is { Kind: "status", Text: "open" });
        Assert.StartsWith("bot: I've passed your conversation", SandboxRenderer.Render(events[^1]));
    }

    [Fact]
    public async Task Anonymous_visitor_fills_in_the_proof_form_and_gets_the_order_card()
    {
        var session = new SandboxSession(_server.Http, _chatwoot, SandboxCustomer.From(null, verified: false, "web", "en"), AssistantServer.WebhookSecret);

        await session.SayAsync("where is order 1042?");
        var form = await NextAsync(e => e.Kind == "message");
        await session.EchoAsync(form.Message!);
        await session.SubmitAsync(form.Message!, new Dictionary<string, string> { ["order_number"] = "1042", ["email"] = "jane@example.com", ["phone"] = "" });
        var card = await NextAsync(e => e.Kind == "message");

        Assert.Contains("▭ Order number (text) = 1042", SandboxRenderer.Render(form), StringComparison.Ordinal);
        Assert.EndsWith("(type /form to fill it in)", SandboxRenderer.Render(form), StringComparison.Ordinal);
        Assert.StartsWith("bot ┌ Order #1042 · Shipped", SandboxRenderer.Render(card));
    }

    [Fact]
    public async Task A_signed_in_web_customer_played_with_verified_lists_their_orders_at_once()
    {
        await _server.DisposeAsync();
        var settings = AssistantServer.DefaultSettings(_database, _chatwoot.BaseUrl);
        settings["Store:IdentitySecret"] = IdentitySecret;
        _server = await AssistantServer.StartAsync(settings);
        var session = new SandboxSession(_server.Http, _chatwoot, SandboxCustomer.From("cus_jane", verified: true, "web", "en"), AssistantServer.WebhookSecret, IdentitySecret);

        await session.SayAsync("show my orders");
        var answer = await NextAsync(e => e.Kind == "message");

        Assert.StartsWith("bot: Your recent orders:", SandboxRenderer.Render(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Article_is_drawn_as_a_box_with_its_link()
    {
        var article = new SandboxEvent("message", string.Empty, JsonNode.Parse("""
            {"content": "Returns and refunds: https://shop.example.com/help/returns", "content_type": "article",
             "content_attributes": {"items": [{"title": "Returns and refunds", "description": "Within 30 days.", "link": "https://shop.example.com/help/returns"}]}}
            """)!.AsObject());

        Assert.Equal("""
            bot ┌ Returns and refunds
                │ Within 30 days.
                │ [read] https://shop.example.com/help/returns
                └
            """.TrimEnd(), SandboxRenderer.Render(article).ReplaceLineEndings("\n"));
    }

    private async Task<SandboxEvent> NextAsync(Func<SandboxEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var e = await _chatwoot.Events.ReadAsync(timeout.Token);
            if (e.Kind != "typing" && match(e))
            {
                return e;
            }
        }
    }
}
