using Assistant.Engine.Rendering;

namespace Assistant.Tests.Rendering;

/// <summary>On channels that show markdown literally (WhatsApp, SMS), every mark a model may write becomes plain text.</summary>
public sealed class PlainTextTests
{
    [Theory]
    [InlineData("[View product](https://shop.example.com/products/jkt-nvy-l)", "View product: https://shop.example.com/products/jkt-nvy-l")]
    [InlineData("See [https://shop.example.com/help](https://shop.example.com/help).", "See https://shop.example.com/help.")]
    [InlineData("![Rain jacket](https://shop.example.com/i/jkt.jpg)", "Rain jacket: https://shop.example.com/i/jkt.jpg")]
    [InlineData("[Wikipedia](https://en.wikipedia.org/wiki/Rain_(film))", "Wikipedia: https://en.wikipedia.org/wiki/Rain_(film)")]
    [InlineData("## Your order\nIt has shipped.", "Your order\nIt has shipped.")]
    [InlineData("**Order #1042** is *on its way* — __soon__ _there_.", "Order #1042 is on its way — soon there.")]
    [InlineData("- Rain jacket\n- Merino socks\n  * pair 2", "• Rain jacket\n• Merino socks\n  • pair 2")]
    [InlineData("> Returns within 30 days.", "Returns within 30 days.")]
    [InlineData("Use code `SPRING10` at checkout.", "Use code SPRING10 at checkout.")]
    [InlineData("```\nJD014600006611\n```", "JD014600006611")]
    [InlineData("Total\n\n---\n\n79.30 EUR", "Total\n\n\n79.30 EUR")]
    [InlineData("2 * 3 = 6 and my_order_id stays; 5 \\* 2", "2 * 3 = 6 and my_order_id stays; 5 * 2")]
    public void Markdown_becomes_plain_text(string markdown, string plain) => Assert.Equal(plain, ChannelText.StripMarkdown(markdown));

    [Fact]
    public void Markdown_channels_keep_the_marks()
    {
        var messages = ChannelText.Messages("**Order #1042**", ChannelProfile.For("Channel::WebWidget"), null);

        Assert.Equal("**Order #1042**", Assert.Single(messages).Content);
    }

    [Fact]
    public void Whatsapp_gets_a_model_written_product_link_as_words_and_address()
    {
        var messages = ChannelText.Messages("Here it is: [View product](https://shop.example.com/p/1)", ChannelProfile.For("Channel::Whatsapp"), null);

        Assert.Equal("Here it is: View product: https://shop.example.com/p/1", Assert.Single(messages).Content);
    }
}
