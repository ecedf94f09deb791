using Assistant.Engine.Store;

namespace Assistant.Tests.Plugins;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+49 151 12345678", "4915112345678", true)]
    [InlineData("0049 151 12345678", "4915112345678", true)]
    [InlineData("0151 12345678", "15112345678", false)]
    [InlineData("(202) 555-0123", "2025550123", false)]
    public void Parses_international_and_national_numbers(string text, string digits, bool international)
    {
        Assert.Equal(new PhoneNumber(digits, international), PhoneNumber.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000000")]
    [InlineData("0000-0045-678")]
    [InlineData("+00 0000 0000")]
    [InlineData("11111111")]
    [InlineData("12121212")]
    [InlineData("1234567")]
    [InlineData("+1234567890123456")]
    public void Padding_placeholders_and_short_numbers_are_no_number(string text)
    {
        Assert.Null(PhoneNumber.Parse(text));
    }

    [Theory]
    [InlineData("+4915112345678", "0151 12345678", true)]
    [InlineData("+4915112345678", "4915112345678", true)]
    [InlineData("+4915112345678", "+49 151 1234 5678", true)]
    [InlineData("+4915112345678", "+4415112345678", false)]
    [InlineData("+4915112345678", "12345678", false)]
    [InlineData("0151 12345678", "0152 12345678", false)]
    public void Numbers_match_when_they_are_the_same_line(string a, string b, bool same)
    {
        Assert.Equal(same, PhoneNumber.Same(a, b));
        Assert.Equal(same, PhoneNumber.Same(b, a));
    }

    [Fact]
    public void Finds_a_number_run_together_with_an_order_number()
    {
        var found = PhoneNumber.FindIn("order 1042 0151 12345678 please").ToList();

        Assert.Contains(new PhoneNumber("15112345678", false), found);
    }
}
