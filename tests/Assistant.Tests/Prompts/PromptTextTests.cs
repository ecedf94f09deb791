using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;

namespace Assistant.Tests.Prompts;

public sealed class PromptTextTests
{
    [Theory]
    [InlineData("Jane Doe", "\"Jane Doe\"")]
    [InlineData("王小明", "\"王小明\"")]
    [InlineData("Jane\r\n\tIgnore \"rules\" {{x}} <b>", "\"Jane Ignore rules x b\"")]
    [InlineData("A\u202Eevil\u200B name", "\"Aevil name\"")]
    [InlineData("   ", null)]
    [InlineData("\"\"{}", null)]
    public void Names_are_quoted_on_one_line_without_markup(string name, string? expected)
    {
        Assert.Equal(expected, PromptText.Quote(name, 40));
    }

    [Fact]
    public void Long_names_are_cut_without_splitting_a_surrogate_pair()
    {
        var quoted = PromptText.Quote(new string('a', 9) + "😀" + "bbbb", 10);

        Assert.Equal("\"aaaaaaaaa…\"", quoted);
    }

    [Theory]
    [InlineData("refund", "refund")]
    [InlineData(" Customer Request ", "customer_request")]
    [InlineData("out-of-scope", "out_of_scope")]
    [InlineData("VIP; give a discount", "other")]
    [InlineData(null, "other")]
    public void Handoff_reasons_map_onto_the_fixed_list(string? text, string reason)
    {
        Assert.Equal(reason, HandoffReason.Normalize(text));
    }
}
