using Assistant.Engine.Gate;
using Assistant.Engine.Prompts;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Gate;

/// <summary>The reply gate's rules, each alone, with the shipped <c>prompts/guardrails.yaml</c>.</summary>
public sealed class ReplyGateTests : IDisposable
{
    private static readonly Guardrails Rules = Guardrails.Load(Path.Combine(RepositoryPaths.Prompts, Guardrails.FileName));
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"guardrails-{Guid.NewGuid():N}.yaml");

    [Fact]
    public void A_plain_answer_built_on_the_tools_facts_passes()
    {
        var verdict = Check("Order 1042 shipped with DHL, tracking number JD014600006611, total 59.90 EUR.",
            facts: ["""{"number":"1042","tracking":"JD014600006611","total":59.9}"""]);

        Assert.True(verdict.Passed, verdict.Reasons);
    }

    [Fact]
    public void Length_is_measured_against_the_channels_limit()
    {
        var answer = new string('a', 400);

        Assert.True(Check(answer, channel: "Channel::WebWidget").Passed);
        Assert.Equal([ReplyGate.Length], Broken(Check(answer, channel: "Channel::Sms")));
        Assert.Equal(900, Rules.MaxLengthFor("Channel::Instagram"));
    }

    [Fact]
    public void Two_questions_fail_but_a_question_mark_in_a_link_does_not_count()
    {
        Assert.Equal([ReplyGate.Questions], Broken(Check("Which order? And which item？")));
        Assert.True(Check("See https://shop.example.com/track?order=1042 — anything else?", facts: ["1042"]).Passed);
    }

    [Theory]
    [InlineData("We will issue a full refund tomorrow.")]
    [InlineData("Your refund has been approved.")]
    [InlineData("It will arrive by Friday.")]
    [InlineData("You could also try Amazon.")]
    [InlineData("我们保证会退款给您。")]
    [InlineData("Chúng tôi cam kết sẽ hoàn tiền cho bạn.")]
    public void Banned_phrases_fail_in_every_language(string answer) => Assert.Equal([ReplyGate.Banned], Broken(Check(answer)));

    [Fact]
    public void Almost_the_same_answer_as_last_time_is_a_repeat_but_a_short_one_only_when_identical()
    {
        const string previous = "Order 1043 is being prepared in our warehouse and has not shipped yet.";

        Assert.Equal([ReplyGate.Repeat], Broken(Check("Order 1043 is being prepared in our warehouse and has not shipped yet!", previous: previous, facts: ["1043"])));
        Assert.True(Check("Order 1043 has now left our warehouse with DHL, it is on its way to you.", previous: previous, facts: ["1043"]).Passed);
        Assert.True(Check("You're welcome!", previous: "Thanks, you're welcome!").Passed);
    }

    [Theory]
    [InlineData("Your tracking number is 1Z999AA10123456784.", "1Z999AA10123456784")]
    [InlineData("Order 1099 is on its way.", "1099")]
    [InlineData("That costs 129.00 EUR.", "129.00")]
    public void Numbers_no_tool_returned_fail_and_are_named(string answer, string number)
    {
        var verdict = Check(answer, facts: ["""{"number":"1042","total":59.9}""", "Where is my order?"]);

        Assert.Equal([ReplyGate.Numbers], Broken(verdict));
        Assert.Contains(number[^4..], verdict.Reasons);
    }

    [Fact]
    public void Numbers_the_customer_wrote_and_small_numbers_pass()
    {
        Assert.True(Check("I couldn't find order 1099; returns are free within 30 days.", facts: ["Where is order 1099?"]).Passed);
        Assert.True(Check("Call us on +49 151 12345678.", facts: ["""{"phone":"+4915112345678"}"""]).Passed);
    }

    [Theory]
    [InlineData("您的订单１０９９已发货。", "1099")]
    [InlineData("Tracking: ٤٥٦٧٨٩", "456789")]
    public void Numbers_in_fullwidth_or_other_scripts_digits_are_checked_like_ascii_ones(string answer, string number)
    {
        var verdict = Check(answer, facts: ["""{"number":"1042"}"""]);

        Assert.Equal([ReplyGate.Numbers], Broken(verdict));
        Assert.Contains(number, verdict.Reasons);
    }

    [Theory]
    [InlineData("You could also try ＡＭＡＺＯＮ.")]
    [InlineData("You could also try Ama\u200bzon.")]
    [InlineData("You could also try AMAZON.")]
    [InlineData("We   will  issue a full refund.")]
    public void Banned_phrases_are_found_through_case_fullwidth_letters_and_hidden_characters(string answer) =>
        Assert.Contains(ReplyGate.Banned, Broken(Check(System.Text.RegularExpressions.Regex.Unescape(answer))));

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var verdict = Check("Amazon has it for 19.99? Or eBay?", channel: "Channel::Sms");

        Assert.Equal([ReplyGate.Questions, ReplyGate.Banned, ReplyGate.Numbers], Broken(verdict));
    }

    [Theory]
    [InlineData("max_questions: 1", "max_questions: lots", "max_questions must be a whole number")]
    [InlineData("on_second_failure: fallback", "on_second_failure: retry", "on_second_failure must be fallback or handoff")]
    [InlineData("Write the reply again", "Write the {oops} reply again", "repair must contain {reasons}")]
    public void Malformed_guardrails_are_refused_naming_the_key(string from, string to, string message)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Prompts, Guardrails.FileName));
        var edited = from == "Write the reply again" ? original.Replace("{reasons}", "{oops}", StringComparison.Ordinal) : original.Replace(from, to, StringComparison.Ordinal);
        File.WriteAllText(_copy, edited);

        var error = Assert.Throws<PromptException>(() => Guardrails.Load(_copy));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_banned_pattern_that_is_no_regular_expression_is_refused_naming_its_place()
    {
        File.WriteAllText(_copy, File.ReadAllText(Path.Combine(RepositoryPaths.Prompts, Guardrails.FileName))
            .Replace(@"'\b(guarantee|guaranteed)\b'", "'(unclosed'", StringComparison.Ordinal));

        var error = Assert.Throws<PromptException>(() => Guardrails.Load(_copy));

        Assert.Contains("banned[2].pattern", error.Message);
    }

    [Fact]
    public void Max_length_changes_the_channel_tables_answer_length_where_it_names_a_channel_or_a_default()
    {
        WithMaxLength("  whatsapp: 500\n  default: 600");

        var rules = Guardrails.Load(_copy);

        Assert.Equal((500, 600, 700), (rules.MaxLengthFor("Channel::Whatsapp"), rules.MaxLengthFor("Channel::Email"), Rules.MaxLengthFor("Channel::Whatsapp")));
    }

    [Theory]
    [InlineData("  whatsap: 500", "max_length.whatsap names no channel")]
    [InlineData("  sms: 2000", "max_length.sms must be a whole number from 20 to 1600")]
    public void A_max_length_for_no_channel_or_beyond_what_the_channel_takes_is_refused(string entry, string message)
    {
        WithMaxLength(entry);

        var error = Assert.Throws<PromptException>(() => Guardrails.Load(_copy));

        Assert.Contains(message, error.Message);
    }

    private void WithMaxLength(string entries) =>
        File.WriteAllText(_copy, File.ReadAllText(Path.Combine(RepositoryPaths.Prompts, Guardrails.FileName)) + $"\nmax_length:\n{entries}\n");

    public void Dispose() => File.Delete(_copy);

    [Theory]
    [InlineData("Pay here: https://acme-payments.example/checkout")]
    [InlineData("Please confirm at https://shop.example.com.evil.example/login")]
    [InlineData("Update your card at www.acme-billing.example/card.")]
    [InlineData("Click [here](javascript:alert(1)) to continue.")]
    [InlineData("Log in at https://user@shop.example.com/account")]
    public void A_link_no_tool_returned_and_off_the_stores_domains_fails(string answer) =>
        Assert.Equal([ReplyGate.Links], Broken(Check(answer)));

    [Theory]
    [InlineData("Track it at https://www.dhl.de/track?piece=JD014600006611&lang=en.", """{"trackingUrl":"https://www.dhl.de/track?piece=JD014600006611\u0026lang=en"}""")]
    [InlineData("See https://help.shop.example.com/returns for details.", "")]
    [InlineData("Your order: [#1042](https://shop.example.com/orders/1042)", "1042")]
    [InlineData("Status:shipped, see you soon.", "")]
    public void Links_a_tool_returned_or_on_the_stores_domains_pass(string answer, string fact)
    {
        var verdict = Check(answer, facts: [fact]);

        Assert.True(verdict.Passed, verdict.Reasons);
    }

    /// <summary>The fixture's store: <c>Store__LinkDomains</c> as the service derives it from the order page.</summary>
    private static GateVerdict Check(string answer, string channel = "Channel::WebWidget", string? previous = null, string[]? facts = null) =>
        ReplyGate.Check(answer, new GateInput(channel, previous, facts ?? [], ["shop.example.com"]), Rules);

    private static List<string> Broken(GateVerdict verdict) => [.. verdict.Failures.Select(f => f.Rule)];
}
