using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Plugins.Knowledge;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Rendering;

/// <summary>A help article as each channel shows it: Chatwoot's article message on the widget, a link in text elsewhere.</summary>
public sealed class ArticleRenderingTests
{
    private static readonly LocaleTexts English = PromptLoader.Load(RepositoryPaths.Prompts).Locales.For("en");

    private static readonly StoredArticle Returns = new(
        "file:en/returns.md", "Returns and refunds", "https://shop.example.com/help/returns",
        "You can return any item within 30 days of delivery, unworn and with its tags. Start a return from your account page or ask our team here; you will receive a prepaid return label by email.");

    [Fact]
    public void Widget_gets_an_article_message_with_title_snippet_and_link()
    {
        var message = Assert.Single(ReplyRenderer.Article(new ArticleReply(Returns.Title, Returns.FirstPassage, Returns.Url!), ChannelProfile.For("Channel::WebWidget"), English, inReplyTo: 4));

        Assert.Equal("article", message.ContentType);
        var item = message.ContentAttributes!["items"]![0]!;
        Assert.Equal("Returns and refunds", item["title"]!.GetValue<string>());
        Assert.Equal("https://shop.example.com/help/returns", item["link"]!.GetValue<string>());
        var description = item["description"]!.GetValue<string>();
        Assert.StartsWith("You can return any item within 30 days", description, StringComparison.Ordinal);
        Assert.True(description.Length <= 140 && description.EndsWith('…'), description);
        Assert.Contains("https://shop.example.com/help/returns", message.Content, StringComparison.Ordinal);
        Assert.Equal(4, message.ContentAttributes["in_reply_to"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("Channel::Whatsapp")]
    [InlineData("Channel::Sms")]
    [InlineData("Channel::Email")]
    public void Other_channels_get_the_title_and_link_as_text(string channel)
    {
        var message = Assert.Single(ReplyRenderer.Article(new ArticleReply(Returns.Title, Returns.FirstPassage, Returns.Url!), ChannelProfile.For(channel), English, inReplyTo: null));

        Assert.Equal("text", message.ContentType);
        Assert.Contains("Returns and refunds", message.Content, StringComparison.Ordinal);
        Assert.Contains("https://shop.example.com/help/returns", message.Content, StringComparison.Ordinal);
    }
}
