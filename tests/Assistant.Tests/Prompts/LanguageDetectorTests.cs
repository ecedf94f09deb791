using Assistant.Engine.Prompts;

namespace Assistant.Tests.Prompts;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("我的订单2001物流到哪了？", "zh-CN")]
    [InlineData("order 2001 到哪了", "zh-CN")]
    [InlineData("Đơn hàng 3001 của tôi đâu rồi?", "vi")]
    [InlineData("cam on ban, don hang cua toi", "vi")]
    [InlineData("Where is my order?", "en")]
    [InlineData("ok", null)]
    [InlineData("1042", null)]
    [InlineData("  ", null)]
    public void Detects_the_language_the_customer_wrote_in(string text, string? language)
    {
        Assert.Equal(language, LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("toi muon hoi ve don hang cua toi", "vi")]
    [InlineData("don hang 3001 cua toi dang o dau vay?", "vi")]
    [InlineData("shop oi, ao khoac con hang khong", "vi")]
    [InlineData("cho minh hoi phi ship bao nhieu", "vi")]
    [InlineData("khi nao toi nhan duoc hang?", "vi")]
    [InlineData("cam on shop nhe", "vi")]
    [InlineData("toi muon doi size", "vi")]
    [InlineData("giup em huy don voi", "vi")]
    [InlineData("Hang on, where is my order?", "en")]
    [InlineData("I want to ban this account", "en")]
    [InlineData("Can you tell me the delivery time", "en")]
    [InlineData("Is the rain jacket available in navy?", "en")]
    public void Vietnamese_typed_without_accents_is_told_from_english(string text, string language)
    {
        Assert.Equal(language, LanguageDetector.Detect(text));
    }
}
