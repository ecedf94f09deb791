using Assistant.Tests.Builders;

namespace Assistant.Tests.Turns;

/// <summary>Without a model, product questions are answered from the catalog and policy questions from the help articles.</summary>
public sealed class OfflineShopConversationTests : ConversationTestBase
{
    [Fact]
    public async Task Product_question_gets_product_cards()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(Visitor("Do you have the rain jacket in L?"));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["answered"], turns);
        var cards = Assert.Single(Posted());
        Assert.Equal("cards", ContentType(cards));
        Assert.StartsWith("Rain jacket", cards.GetProperty("content_attributes").GetProperty("items")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_question_gets_the_passage_quoted_and_the_article()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(Visitor("What payment methods do you accept?"));
        await SettledTurnsAsync();

        var posted = Posted();
        Assert.Equal(["text", "article"], posted.Select(ContentType));
        Assert.StartsWith("We accept Visa, Mastercard", posted[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://shop.example.com/help/payment", posted[1].GetProperty("content_attributes").GetProperty("items")[0].GetProperty("link").GetString());
    }

    [Fact]
    public async Task Chinese_policy_question_on_whatsapp_gets_the_chinese_passage_and_a_link()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(new MessageWebhookBuilder(42).WithContent("你们支持支付宝吗？")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithLanguage("zh-CN").WithContact(82, "王小明", phone: "+8613800138000")));
        await SettledTurnsAsync();

        var posted = Posted().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Contains("支付宝", posted[0], StringComparison.Ordinal);
        Assert.Equal("支付方式：https://shop.example.com/zh/help/payment", posted[1]);
    }

    [Theory]
    [InlineData("shop có bán áo khoác đi mưa không?", "cards")]
    [InlineData("Phí ship về Việt Nam bao nhiêu?", "article")]
    public async Task Vietnamese_product_and_policy_questions_are_answered_in_vietnamese(string question, string expected)
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(new MessageWebhookBuilder(42).WithContent(question)
            .WithConversation(c => c.WithLanguage("vi").WithContact(83, "Nguyễn An")));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["answered"], turns);
        var sent = Posted().Single(m => ContentType(m) == expected);
        Assert.Contains(expected == "cards" ? "Áo khoác đi mưa" : "Giao hàng và phí vận chuyển",
            sent.GetProperty("content_attributes").GetProperty("items")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what is your return policy?", "en", "article")]
    [InlineData("chính sách đổi trả thế nào?", "vi", "article")]
    [InlineData("你们有围巾吗？", "zh-CN", "cards")]
    public async Task Policy_questions_and_product_questions_are_answered_not_handed_off_as_complaints(string question, string language, string expected)
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(new MessageWebhookBuilder(42).WithContent(question).WithConversation(c => c.WithLanguage(language).WithContact(83, "Customer")));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["answered"], turns);
        Assert.Contains(Posted(), m => ContentType(m) == expected);
    }

    [Fact]
    public async Task Question_that_shares_a_word_with_an_article_but_is_not_covered_is_handed_off()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(Visitor("Can you engrave a gift message on the clock?"));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["handed_off"], turns);
    }
}
