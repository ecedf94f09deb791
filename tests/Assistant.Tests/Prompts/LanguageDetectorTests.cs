using Assistant.Engine.Prompts;

namespace Assistant.Tests.Prompts;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("我的订单2001物流到哪了？", "zh-CN")]
    [InlineData("order 2001 到哪了", "zh-CN")]
    [InlineData("Đơn hàng 3001 của tôi đâu rồi?", "vi")]
    [InlineData("cam on ban, don hang cua toi", "en")]
    [InlineData("Where is my order?", "en")]
    [InlineData("ok", null)]
    [InlineData("1042", null)]
    [InlineData("  ", null)]
    public void Detects_the_language_the_customer_wrote_in(string text, string? language)
    {
        Assert.Equal(language, LanguageDetector.Detect(text));
    }
}
