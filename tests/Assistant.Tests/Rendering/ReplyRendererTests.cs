using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Engine.Store;
using Assistant.Plugins.Orders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Rendering;

public sealed class ReplyRendererTests
{
    private static readonly LocaleTexts English = PromptLoader.Load(RepositoryPaths.Prompts).Locales.For("en");
    private static readonly ShopOrderDetails Order = new(
        new ShopOrder(2, "1042", 1, "shipped", "EUR", 74.40m, 4.90m, 79.30m, new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero), null),
        new ShopCustomer(1, "Jane", null, null, null, null, null),
        [
            new ShopOrderItem(1, 2, "A", "Canvas sneakers", 1, 59.90m, "https://img.example/a.jpg"),
            new ShopOrderItem(2, 2, "B", "Merino socks", 1, 14.50m, null),
            new ShopOrderItem(3, 2, "C", "Laces", 2, 0m, null),
        ],
        [], []);

    [Fact]
    public void Widget_gets_a_card_with_image_summary_link_and_a_text_fallback()
    {
        var view = OrderPresenter.View(Order, English, new StoreOptions { OrderUrlTemplate = "https://shop.example.com/orders/{orderNumber}" });

        var message = Assert.Single(ReplyRenderer.Order(OrderReply.Of(view, Order), ChannelProfile.For("Channel::WebWidget"), English, inReplyTo: 9));

        Assert.Equal("cards", message.ContentType);
        var card = message.ContentAttributes!["items"]![0]!;
        Assert.Equal("Order #1042 · Shipped", card["title"]!.GetValue<string>());
        Assert.Equal("1 × Canvas sneakers, 1 × Merino socks, +1 more · 79.30 EUR", card["description"]!.GetValue<string>());
        Assert.Equal("https://img.example/a.jpg", card["media_url"]!.GetValue<string>());
        Assert.StartsWith("Order #1042: Shipped\nPlaced 2026-11-18 · Total 79.30 EUR", message.Content);
        Assert.Equal(9, message.ContentAttributes["in_reply_to"]!.GetValue<long>());
    }

    [Fact]
    public void Tracking_on_the_widget_is_the_orders_card_then_its_shipments_in_words_and_only_the_words_elsewhere()
    {
        var view = OrderPresenter.View(Order, English, new StoreOptions { OrderUrlTemplate = "https://shop.example.com/orders/{orderNumber}" });
        var tracking = new TrackingReply(OrderReply.Of(view, Order));

        var widget = ReplyRenderer.Render(tracking, ChannelProfile.For("Channel::WebWidget"), English, inReplyTo: 3);
        var sms = ReplyRenderer.Render(tracking, ChannelProfile.For("Channel::Sms"), English, inReplyTo: 3);

        Assert.Equal(["cards", "text"], widget.Select(m => m.ContentType));
        Assert.Equal(English.Get("shipment.none", ("number", "1042")), widget[1].Content);
        Assert.Equal([widget[1].Content], sms.Select(m => m.Content));
    }

    [Fact]
    public void A_proof_form_is_a_form_where_the_channel_has_forms_and_its_question_in_words_elsewhere()
    {
        var widget = Assert.Single(ReplyRenderer.Render(new ProofFormReply("1042"), ChannelProfile.For("Channel::WebWidget"), English, inReplyTo: null));
        var whatsapp = Assert.Single(ReplyRenderer.Render(new ProofFormReply("1042"), ChannelProfile.For("Channel::Whatsapp"), English, inReplyTo: null));

        Assert.Equal(("form", "text"), (widget.ContentType, whatsapp.ContentType));
        Assert.Equal(English["lookup.needs_proof"], whatsapp.Content);
    }

    [Fact]
    public void Without_a_link_there_is_no_card_because_chatwoot_requires_card_actions()
    {
        var view = OrderPresenter.View(Order, English, new StoreOptions());

        Assert.Equal("text", Assert.Single(ReplyRenderer.Order(OrderReply.Of(view, Order), ChannelProfile.For("Channel::WebWidget"), English, null)).ContentType);
    }

    [Fact]
    public void Email_gets_the_order_as_markdown_with_a_bold_heading_and_a_list()
    {
        var view = OrderPresenter.View(Order, English, new StoreOptions { OrderUrlTemplate = "https://shop.example.com/orders/{orderNumber}" });

        var message = Assert.Single(ReplyRenderer.Order(OrderReply.Of(view, Order), ChannelProfile.For("Channel::Email"), English, null));

        Assert.Equal("""
            **Order #1042: Shipped**

            - Placed 2026-11-18 · Total 79.30 EUR
            - 1 × Canvas sneakers (59.90 EUR)
            - 1 × Merino socks (14.50 EUR)
            - 2 × Laces (0.00 EUR)

            Details: https://shop.example.com/orders/1042
            """.ReplaceLineEndings("\n").TrimEnd(), message.Content);
    }

    [Fact]
    public void Shipment_in_markdown_is_a_bold_line_over_its_details()
    {
        var shipment = new ShipmentView("DHL", "JD014600006611", "in_transit", "In transit", "https://track.example/JD014600006611",
            new DateOnly(2026, 11, 21), null, []);
        var view = OrderPresenter.View(Order, English, new StoreOptions()) with { Shipments = [shipment] };

        var text = ReplyRenderer.OrderMarkdown(view, English);

        Assert.Contains("""
            **DHL JD014600006611: In transit**

            - Estimated delivery: 2026-11-21
            - Track it here: https://track.example/JD014600006611
            """.ReplaceLineEndings("\n").TrimEnd(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Whatsapp_and_sms_get_the_order_as_plain_lines()
    {
        var view = OrderPresenter.View(Order, English, new StoreOptions());

        foreach (var channel in (string[])["Channel::Whatsapp", "Channel::Sms"])
        {
            var content = Assert.Single(ReplyRenderer.Order(OrderReply.Of(view, Order), ChannelProfile.For(channel), English, null)).Content;
            Assert.StartsWith("Order #1042: Shipped\nPlaced 2026-11-18 · Total 79.30 EUR\n• 1 × Canvas sneakers (59.90 EUR)", content, StringComparison.Ordinal);
            Assert.DoesNotContain("**", content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Names_that_contain_markdown_characters_are_escaped()
    {
        Assert.Equal(@"**Shirt \*limited\* \[red\]**", MarkdownText.BoldLink("Shirt *limited* [red]", null));
        Assert.Equal("**[Rain jacket](https://shop.example.com/p/a%29b)**", MarkdownText.BoldLink("Rain jacket", "https://shop.example.com/p/a)b"));
    }

    [Fact]
    public void Choices_become_a_numbered_list_where_the_channel_has_no_buttons()
    {
        var sms = Assert.Single(ReplyRenderer.Choices("Which order?", [new("#1042", "1042"), new("#1043", "1043")], ChannelProfile.For("Channel::Sms"), null));
        var whatsapp = Assert.Single(ReplyRenderer.Choices("Which order?", [new("#1042", "1042"), new("#1043", "1043")], ChannelProfile.For("Channel::Whatsapp"), null));

        Assert.Equal(("text", "Which order?\n1. #1042\n2. #1043"), (sms.ContentType, sms.Content));
        Assert.Equal("input_select", whatsapp.ContentType);
    }

    [Fact]
    public void Long_text_is_split_at_the_channels_limit_on_a_sentence_boundary()
    {
        var text = string.Join(" ", Enumerable.Repeat("This sentence is exactly forty-four chars.", 60));

        var parts = ChannelText.Messages(text, ChannelProfile.For("Channel::Sms"), null);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Content.Length <= 1600));
        Assert.All(parts, p => Assert.EndsWith(".", p.Content));
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(parts.Select(p => p.Content)).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_marks_are_removed_where_the_channel_shows_them_literally()
    {
        Assert.Equal("Your order is shipped", Assert.Single(ChannelText.Messages("Your order is **shipped**", ChannelProfile.For("Channel::Whatsapp"), null)).Content);
        Assert.Equal("Your order is **shipped**", Assert.Single(ChannelText.Messages("Your order is **shipped**", ChannelProfile.For("Channel::WebWidget"), null)).Content);
    }
}
