using System.Text.Json;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Turns;

/// <summary>Product questions answered by the agent through the catalog tools, against the demo catalog.</summary>
public sealed class CatalogConversationTests : ConversationTestBase
{
    [Fact]
    public async Task Asking_for_a_jacket_in_L_gets_product_cards_with_the_stock_the_search_returned()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Catalog_SearchProducts", """{"query":"rain jacket L"}""")
            .ThenToolCall("Replies_ShowProducts", """{"skus":["JKT-NVY-L","JKT-RED-L"]}""")
            .ThenText("The navy one is in stock in L; the red one is sold out.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("Do you have the rain jacket in L?"));
        var turns = await SettledTurnsAsync();

        // Assert: the model saw the stock, and the customer got cards and the model's sentence.
        Assert.Equal(["answered"], turns);
        var found = ToolResult(OpenAI.Completions[1]);
        Assert.Equal("JKT-NVY-L", found[0].GetProperty("sku").GetString());
        Assert.Equal(2, found[0].GetProperty("stock").GetInt32());
        Assert.Equal("89.00 EUR", found[0].GetProperty("price").GetString());
        var posted = Posted();
        Assert.Equal(["cards", "text"], posted.Select(ContentType));
        var cards = posted[0].GetProperty("content_attributes").GetProperty("items");
        Assert.Equal(["89.00 EUR · Only 2 left", "89.00 EUR · Out of stock"], cards.EnumerateArray().Select(c => c.GetProperty("description").GetString()));
        Assert.Equal("https://shop.example.com/products/jkt-nvy-l", cards[0].GetProperty("actions")[0].GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Chinese_gift_question_on_whatsapp_gets_the_scarves_in_chinese_to_pick_from()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Catalog_SearchProducts", """{"query":"围巾 送礼"}""")
            .ThenToolCall("Replies_ShowProducts", """{"skus":["SCF-CSH-GRY","SCF-SLK-RED"]}""")
            .ThenText("这两款围巾都附礼盒，很适合送礼。");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("什么围巾适合送礼?")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "王小明", phone: "+8613800138000")));
        await SettledTurnsAsync();

        // Assert
        var choices = Posted()[0];
        Assert.Equal("input_select", ContentType(choices));
        Assert.Contains("1. 羊绒围巾，灰色 · 69.00 EUR · 有货", choices.GetProperty("content").GetString());
        Assert.EndsWith("您想看哪一款？", choices.GetProperty("content").GetString());
        Assert.Equal(["羊绒围巾，灰色", "真丝围巾，红牡丹印花"],
            choices.GetProperty("content_attributes").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Showing_a_product_that_is_not_in_the_catalog_shows_nothing_and_tells_the_model_why()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowProducts", """{"skus":["INVENTED-1"]}""").ThenText("Sorry, I could not find that product.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("Show me the golden umbrella"));
        await SettledTurnsAsync();

        // Assert
        var shown = JsonDocument.Parse(ToolMessage(OpenAI.Completions[1])).RootElement;
        Assert.False(shown.GetProperty("shown").GetBoolean());
        Assert.Equal(["text"], Posted().Select(ContentType));
    }
}
