using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Conversations;

public sealed class TranscriptClassifierTests
{
    [Fact]
    public void Each_kind_of_message_gets_its_role()
    {
        Assert.Equal(TranscriptRole.Customer, RoleOf(new MessageWebhookBuilder()));
        Assert.Equal(TranscriptRole.Bot, RoleOf(new MessageWebhookBuilder().FromBot()));
        Assert.Equal(TranscriptRole.Agent, RoleOf(new MessageWebhookBuilder().FromAgent()));
        Assert.Equal(TranscriptRole.Note, RoleOf(new MessageWebhookBuilder().AsPrivateNote()));
        Assert.Equal(TranscriptRole.Template, RoleOf(new MessageWebhookBuilder().AsTemplate()));
    }

    [Fact]
    public void Select_click_is_a_submission_described_by_the_chosen_title()
    {
        var message = Parse(new MessageWebhookBuilder().AsSelectClick("Track my order", "track"));

        Assert.True(TranscriptClassifier.IsSubmission(message));
        Assert.Equal("Track my order", TranscriptClassifier.DescribeSubmission(message.Message));
    }

    [Fact]
    public void Form_submit_is_described_one_field_per_line()
    {
        var message = Parse(new MessageWebhookBuilder().AsFormSubmit(("email", "jane@example.com"), ("order", "1042")));

        Assert.Equal("email: jane@example.com\norder: 1042", TranscriptClassifier.DescribeSubmission(message.Message));
    }

    [Fact]
    public void Bots_message_updated_without_submitted_values_is_not_customer_input()
    {
        var payload = new MessageWebhookBuilder().FromBot().ToJson().Replace("message_created", "message_updated");

        Assert.False(TranscriptClassifier.IsSubmission((MessageEvent)ChatwootEventParser.Parse(payload)));
    }

    [Theory]
    [InlineData("agent", "form")]
    [InlineData("agent", "input_select")]
    [InlineData("bot", "text")]
    [InlineData("bot", "cards")]
    [InlineData("bot", "input_csat")]
    public void Submitted_values_are_customer_input_only_on_the_bots_own_forms_and_choices(string author, string contentType)
    {
        var submit = new MessageWebhookBuilder().AsFormSubmit(("order", "1042"), ("email", "jane@example.com"));
        if (author == "agent")
        {
            submit.FromAgent();
        }

        Assert.False(TranscriptClassifier.IsSubmission(Parse(submit.WithContentType(contentType))));
    }

    private static TranscriptRole? RoleOf(MessageWebhookBuilder builder) => TranscriptClassifier.RoleOf(Parse(builder).Message);

    private static MessageEvent Parse(MessageWebhookBuilder builder) => (MessageEvent)ChatwootEventParser.Parse(builder.ToJson());
}
