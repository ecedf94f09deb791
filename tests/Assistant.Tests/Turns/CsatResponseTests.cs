using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Lifecycle;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Turns;

public sealed class CsatResponseTests
{
    [Fact]
    public void A_rating_on_the_survey_is_read_with_its_feedback()
    {
        var response = CsatResponse.From(Parse(new MessageWebhookBuilder(42).WithId(9001).AsCsatRating(4, "  Helpful  ")));

        Assert.Equal(new CsatResponse(9001, 4, "Helpful"), response);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_rating_outside_one_to_five_is_no_rating(int rating) =>
        Assert.Null(CsatResponse.From(Parse(new MessageWebhookBuilder(42).AsCsatRating(rating))));

    [Fact]
    public void A_submitted_form_or_a_new_message_is_no_rating()
    {
        Assert.Null(CsatResponse.From(Parse(new MessageWebhookBuilder(42).AsFormSubmit(("email", "jane@example.com")))));
        Assert.Null(CsatResponse.From(Parse(new MessageWebhookBuilder(42).WithContentType("input_csat").WithContent("Rate us"))));
    }

    [Fact]
    public void Long_feedback_is_kept_to_two_thousand_characters()
    {
        var response = CsatResponse.From(Parse(new MessageWebhookBuilder(42).AsCsatRating(1, new string('x', 5000))));

        Assert.Equal(2000, response!.Feedback!.Length);
    }

    private static MessageEvent Parse(MessageWebhookBuilder message) =>
        (MessageEvent)ChatwootEventParser.Parse(message.ToJson());
}
