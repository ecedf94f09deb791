using Assistant.Tests.Builders;

namespace Assistant.Tests.Turns;

/// <summary>Policy questions answered by the agent from the shipped help articles, which the service loads at start.</summary>
public sealed class KnowledgeConversationTests : ConversationTestBase
{
    [Fact]
    public async Task Returns_question_is_answered_from_the_article_and_the_article_is_sent_on_the_widget()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Knowledge_Search", """{"question":"how do returns work"}""")
            .ThenToolCall("Replies_ShowArticle", """{"article":"file:en/returns.md"}""")
            .ThenText("You can return any item within 30 days; we email you a prepaid label.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("How do returns work?"));
        var turns = await SettledTurnsAsync();

        // Assert: the model read the passage, and the customer got the article and the model's answer.
        Assert.Equal(["answered"], turns);
        var passages = ToolResult(OpenAI.Completions[1]);
        Assert.Equal("file:en/returns.md", passages[0].GetProperty("article").GetString());
        Assert.Contains("within 30 days of delivery", passages[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var posted = Posted();
        Assert.Equal(["article", "text"], posted.Select(ContentType));
        var article = posted[0].GetProperty("content_attributes").GetProperty("items")[0];
        Assert.Equal("Returns and refunds", article.GetProperty("title").GetString());
        Assert.Equal("https://shop.example.com/help/returns", article.GetProperty("link").GetString());
    }

    [Fact]
    public async Task Vietnamese_question_on_whatsapp_gets_the_vietnamese_article_as_a_link()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Knowledge_Search", """{"question":"phí ship về Việt Nam"}""")
            .ThenToolCall("Replies_ShowArticle", """{"article":"file:vi/shipping.md"}""")
            .ThenText("Phí giao hàng về Việt Nam là 14,90 EUR.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("Phí ship về Việt Nam bao nhiêu?")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithContact(79, "Nguyễn An", phone: "+84901234567")));
        await SettledTurnsAsync();

        // Assert
        var passages = ToolResult(OpenAI.Completions[1]);
        Assert.Equal("Giao hàng và phí vận chuyển", passages[0].GetProperty("title").GetString());
        var link = Posted()[0];
        Assert.Equal("text", ContentType(link));
        Assert.Equal("Giao hàng và phí vận chuyển: https://shop.example.com/vi/help/shipping", link.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Question_no_article_covers_returns_no_passages_to_the_model()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Knowledge_Search", """{"question":"do you sponsor football clubs"}""")
            .ThenText("I don't know that, but a colleague can tell you.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("Do you sponsor football clubs?"));
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(0, ToolResult(OpenAI.Completions[1]).GetArrayLength());
        Assert.Equal(["text"], Posted().Select(ContentType));
    }
}
