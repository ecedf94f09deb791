using Assistant.Stores.Postgres;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Infrastructure.Shopify;
using Assistant.Tests.Turns;

namespace Assistant.Tests.Stores;

/// <summary>The whole service with <c>Store__Kind=shopify</c>: three settings connect it, and the tools read the shop through Shopify.</summary>
public sealed class ShopifyConversationTests : ConversationTestBase
{
    private readonly FakeShopify _shopify = new();

    protected override async Task ArrangeAsync()
    {
        await base.ArrangeAsync();
        (await DemoShop.ReadAsync(new ShopDatabase(Database.DataSource))).FillShopify(_shopify);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _shopify.DisposeAsync();
    }

    private Task StartOnShopifyAsync(Action<Dictionary<string, string?>>? configure = null) => StartServerAsync(withLlm: true, s =>
    {
        s["Store:Kind"] = "shopify";
        s["Shopify:ShopDomain"] = _shopify.BaseUrl.ToString();
        s["Shopify:AccessToken"] = FakeShopify.AccessToken;
        s["Shopify:AllowPlainHttp"] = "true";
        configure?.Invoke(s);
    });

    [Fact]
    public async Task Where_is_my_order_is_answered_from_Shopify_in_at_most_two_calls()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"#1042"}""")
            .ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042"}""").ThenText("Your order 1042 is on its way!");
        await StartOnShopifyAsync();

        // Act
        await SayAsync(SignedInJane("Where is my order #1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        var card = Posted()[0].GetProperty("content_attributes").GetProperty("items")[0];
        Assert.Equal("Order #1042 · Shipped", card.GetProperty("title").GetString());
        Assert.InRange(_shopify.Queries.Count, 1, 2);
        Assert.Contains("\"found\":true", ToolMessage(OpenAI.Completions[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shopify_down_is_never_answered_from_a_guess_but_handed_off_with_the_apology()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        _shopify.Unavailable = int.MaxValue;
        // Each attempt asks for the order; a model left to answer anyway would make something up.
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""").ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""")
            .ThenText("It was delivered yesterday.");
        await StartOnShopifyAsync(s =>
        {
            s["Inbox:MaxAttempts"] = "2";
            s["Http:MaxRetries"] = "0";
        });

        // Act
        await SayAsync(SignedInJane("Where is my order 1042?"));
        await Database.InboxDrainedAsync();

        // Assert
        var posted = Posted();
        Assert.DoesNotContain(posted, m => m.GetProperty("content").GetString()!.Contains("delivered yesterday", StringComparison.Ordinal));
        Assert.Contains("Reason: assistant_failure", posted[0].GetProperty("content").GetString());
        Assert.StartsWith("Sorry, something went wrong", posted[1].GetProperty("content").GetString());
        Assert.Equal(2, OpenAI.Completions.Count);
    }
}
