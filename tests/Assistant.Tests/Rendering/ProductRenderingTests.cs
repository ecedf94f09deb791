using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Engine.Search;
using Assistant.Engine.Store;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Rendering;

/// <summary>Products as each channel shows them: cards on the widget, picked from a list on WhatsApp, a numbered list on SMS.</summary>
public sealed class ProductRenderingTests
{
    private static readonly LocaleTexts English = PromptLoader.Load(RepositoryPaths.Prompts).Locales.For("en");

    private static readonly IReadOnlyList<ProductOffer> Jackets =
    [
        new(new ProductRow(5, "JKT-NVY-L", "Rain jacket, navy, L", null, "apparel", 89.00m, "EUR", 2, "https://img.example/jkt-nvy-l.jpg", "https://shop.example.com/products/jkt-nvy-l"), "Only 2 left"),
        new(new ProductRow(6, "JKT-RED-L", "Rain jacket, red, L (limited edition)", null, "apparel", 89.00m, "EUR", 0, null, "https://shop.example.com/products/jkt-red-l"), "Out of stock"),
    ];

    [Fact]
    public void Widget_gets_one_card_per_product_with_price_stock_and_a_view_link()
    {
        var message = Assert.Single(ReplyRenderer.Products(Jackets, ChannelProfile.For("Channel::WebWidget"), English, inReplyTo: 9));

        Assert.Equal("cards", message.ContentType);
        var card = message.ContentAttributes!["items"]![0]!;
        Assert.Equal("Rain jacket, navy, L", card["title"]!.GetValue<string>());
        Assert.Equal("89.00 EUR · Only 2 left", card["description"]!.GetValue<string>());
        Assert.Equal("https://img.example/jkt-nvy-l.jpg", card["media_url"]!.GetValue<string>());
        Assert.Equal("https://shop.example.com/products/jkt-nvy-l", card["actions"]![0]!["uri"]!.GetValue<string>());
        Assert.Equal("View product", card["actions"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(2, message.ContentAttributes["items"]!.AsArray().Count);
        Assert.StartsWith("1. Rain jacket, navy, L · 89.00 EUR · Only 2 left", message.Content);
    }

    [Fact]
    public void Whatsapp_gets_the_list_in_text_and_short_choices_that_read_well_when_sent_back()
    {
        var message = Assert.Single(ReplyRenderer.Products(Jackets, ChannelProfile.For("Channel::Whatsapp"), English, inReplyTo: null));

        Assert.Equal("input_select", message.ContentType);
        Assert.Contains("2. Rain jacket, red, L (limited edition) · 89.00 EUR · Out of stock", message.Content);
        Assert.EndsWith("Which one would you like?", message.Content);
        var items = message.ContentAttributes!["items"]!.AsArray();
        Assert.Equal(["Rain jacket, navy, L", "Rain jacket, red, L…"], items.Select(i => i!["title"]!.GetValue<string>()));
        Assert.Equal("Rain jacket, red, L (limited edition) (JKT-RED-L)", items[1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Sms_gets_a_numbered_list_with_links()
    {
        var message = Assert.Single(ReplyRenderer.Products(Jackets, ChannelProfile.For("Channel::Sms"), English, inReplyTo: null));

        Assert.Equal("text", message.ContentType);
        Assert.Equal("""
            1. Rain jacket, navy, L · 89.00 EUR · Only 2 left
               https://shop.example.com/products/jkt-nvy-l
            2. Rain jacket, red, L (limited edition) · 89.00 EUR · Out of stock
               https://shop.example.com/products/jkt-red-l
            """.ReplaceLineEndings("\n"), message.Content);
    }

    [Fact]
    public void Email_gets_a_numbered_markdown_list_with_each_name_bold_and_linked()
    {
        var message = Assert.Single(ReplyRenderer.Products(Jackets, ChannelProfile.For("Channel::Email"), English, inReplyTo: null));

        Assert.Equal("text", message.ContentType);
        Assert.Equal("""
            1. **[Rain jacket, navy, L](https://shop.example.com/products/jkt-nvy-l)** · 89.00 EUR · Only 2 left
            2. **[Rain jacket, red, L (limited edition)](https://shop.example.com/products/jkt-red-l)** · 89.00 EUR · Out of stock
            """.ReplaceLineEndings("\n").TrimEnd(), message.Content);
    }

    [Fact]
    public void Telegram_gets_the_markdown_list_over_buttons_to_pick_from()
    {
        var message = Assert.Single(ReplyRenderer.Products(Jackets, ChannelProfile.For("Channel::Telegram"), English, inReplyTo: null));

        Assert.Equal("input_select", message.ContentType);
        Assert.StartsWith("1. **[Rain jacket, navy, L](https://shop.example.com/products/jkt-nvy-l)**", message.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("什么围巾适合送礼?", new[] { "什么", "么围", "围巾", "巾适", "适合", "合送", "送礼" })]
    [InlineData("rain jacket", new string[0])]
    [InlineData("áo mưa 围巾 L", new[] { "围巾" })]
    public void Chinese_is_searched_by_its_two_character_runs(string text, string[] expected)
    {
        Assert.Equal(expected, ChineseText.Bigrams(text));
    }
}
