using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Rendering;

public sealed class ProofFormTests
{
    private static readonly PromptSet Prompts = PromptLoader.Load(RepositoryPaths.Prompts);

    [Theory]
    [InlineData("en", "Order number", "Look up my order")]
    [InlineData("zh-CN", "订单号", "查询订单")]
    [InlineData("vi", "Mã đơn hàng", "Tra cứu đơn hàng")]
    public void Form_is_labelled_in_the_customers_language(string language, string orderLabel, string button)
    {
        var form = ProofForm.Build(Prompts.Locales.For(language), null, inReplyTo: 3);

        Assert.Equal("form", form.ContentType);
        Assert.Equal(orderLabel, form.ContentAttributes!["items"]![0]!["label"]!.GetValue<string>());
        Assert.Equal(button, form.ContentAttributes["button_label"]!.GetValue<string>());
        Assert.Equal(Prompts.Locales.For(language)["lookup.needs_proof"], form.Content);
    }

    [Fact]
    public void Given_order_number_is_filled_in_and_no_number_leaves_the_field_empty()
    {
        var texts = Prompts.Locales.For("en");

        Assert.Equal("1042", ProofForm.Build(texts, " 1042 ", null).ContentAttributes!["items"]![0]!["default"]!.GetValue<string>());
        Assert.False(ProofForm.Build(texts, "", null).ContentAttributes!["items"]![0]!.AsObject().ContainsKey("default"));
    }

    [Fact]
    public void Only_channels_that_render_forms_get_one()
    {
        Assert.Equal(["Channel::WebWidget", "Channel::Api"],
            new[] { "Channel::WebWidget", "Channel::Api", "Channel::Whatsapp", "Channel::Email", "Channel::Sms", "Channel::Telegram" }
                .Where(c => ChannelProfile.For(c).Forms));
    }
}
