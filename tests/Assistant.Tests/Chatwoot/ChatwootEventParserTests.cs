using Assistant.Chatwoot.Webhooks;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Chatwoot;

public sealed class ChatwootEventParserTests
{
    [Fact]
    public void Widget_customer_message_is_read_with_its_conversation_and_contact()
    {
        var payload = new MessageWebhookBuilder(conversationId: 42).WithId(4821)
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com").WithHmacVerified())
            .ToJson();

        var parsed = Assert.IsType<MessageEvent>(ChatwootEventParser.Parse(payload));

        Assert.Equal(1, parsed.AccountId);
        Assert.Equal(4821, parsed.Message.Id);
        Assert.Equal(ChatwootMessageType.Incoming, parsed.Message.MessageType);
        Assert.Equal(ChatwootSenderKind.Contact, parsed.Message.Sender.Kind);
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 10, 20, 30, 123, TimeSpan.Zero), parsed.Message.CreatedAt);
        Assert.Equal(42, parsed.Conversation.Id);
        Assert.Equal("Channel::WebWidget", parsed.Conversation.Channel);
        Assert.Equal("pending", parsed.Conversation.Status);
        Assert.True(parsed.Conversation.HmacVerified);
        Assert.Equal("jane@example.com", parsed.Conversation.Contact.Email);
        Assert.Equal("en", parsed.Conversation.Language);
        Assert.Equal(1781691630.412, parsed.Conversation.UpdatedAt, precision: 3);
    }

    [Fact]
    public void Bots_own_echo_is_an_outgoing_message_from_an_agent_bot()
    {
        var parsed = (MessageEvent)ChatwootEventParser.Parse(new MessageWebhookBuilder().FromBot(5).ToJson());

        Assert.Equal(ChatwootMessageType.Outgoing, parsed.Message.MessageType);
        Assert.Equal(new ChatwootSender(ChatwootSenderKind.AgentBot, 5, "Support Bot"), parsed.Message.Sender);
    }

    [Fact]
    public void Template_message_has_no_sender()
    {
        var parsed = (MessageEvent)ChatwootEventParser.Parse(new MessageWebhookBuilder().AsTemplate().ToJson());

        Assert.Equal(ChatwootMessageType.Template, parsed.Message.MessageType);
        Assert.Equal(ChatwootSenderKind.None, parsed.Message.Sender.Kind);
    }

    [Fact]
    public void Select_click_carries_the_submitted_value()
    {
        var parsed = (MessageEvent)ChatwootEventParser.Parse(new MessageWebhookBuilder().AsSelectClick("Track my order", "track").ToJson());

        Assert.Equal("message_updated", parsed.EventName);
        Assert.Equal([new SubmittedValue(null, "Track my order", "track")], parsed.Message.SubmittedValues);
    }

    [Theory]
    [InlineData("0", ChatwootMessageType.Incoming)]
    [InlineData("1", ChatwootMessageType.Outgoing)]
    [InlineData("3", ChatwootMessageType.Template)]
    [InlineData("\"activity\"", ChatwootMessageType.Activity)]
    [InlineData("\"2\"", ChatwootMessageType.Activity)]
    public void Message_type_is_read_as_a_name_or_a_number(string json, ChatwootMessageType expected)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        Assert.Equal(expected, ChatwootEventParser.ParseMessageType(document.RootElement));
    }

    [Fact]
    public void Times_are_read_as_iso_text_or_epoch_seconds()
    {
        var iso = (MessageEvent)ChatwootEventParser.Parse(new MessageWebhookBuilder().WithCreatedAt("2026-06-17T10:20:30.000Z").ToJson());
        var epoch = (MessageEvent)ChatwootEventParser.Parse(new MessageWebhookBuilder().ToJson().Replace("\"2026-06-17T10:20:30.123Z\"", "1781691630"));

        Assert.Equal(iso.Message.CreatedAt, epoch.Message.CreatedAt);
    }

    [Fact]
    public void Ids_sent_as_text_are_read_as_numbers()
    {
        var payload = new MessageWebhookBuilder(conversationId: 42).WithId(4821).ToJson()
            .Replace("\"id\":4821", "\"id\":\"4821\"");

        var parsed = (MessageEvent)ChatwootEventParser.Parse(payload);

        Assert.Equal(4821, parsed.Message.Id);
    }

    [Fact]
    public void Conversation_update_reads_assignee_team_and_labels()
    {
        var payload = new ConversationWebhookBuilder("conversation_updated")
            .With(c => c.WithStatus("open").WithAssignee(12).WithTeam(3).WithLabels("vip", "order"))
            .Changed("assignee_id", null, 12)
            .ToJson();

        var parsed = Assert.IsType<ConversationEvent>(ChatwootEventParser.Parse(payload));

        Assert.Equal("open", parsed.Conversation.Status);
        Assert.Equal(12, parsed.Conversation.AssigneeId);
        Assert.Equal("User", parsed.Conversation.AssigneeType);
        Assert.Equal(3, parsed.Conversation.TeamId);
        Assert.Equal(["vip", "order"], parsed.Conversation.Labels);
    }

    [Fact]
    public void Status_change_with_null_changed_attributes_still_reads_the_status()
    {
        var payload = new ConversationWebhookBuilder("conversation_status_changed").With(c => c.WithStatus("resolved")).ToJson();

        var parsed = (ConversationEvent)ChatwootEventParser.Parse(payload);

        Assert.Equal("resolved", parsed.Conversation.Status);
    }

    [Fact]
    public void Widget_opened_by_a_new_visitor_has_no_conversation()
    {
        var payload = """
            {"id":90,"contact":{"id":77,"name":"Jane Doe","email":null},"inbox":{"id":3},"account":{"id":1,"name":"Acme"},
             "current_conversation":null,"source_id":"b3f1","event":"webwidget_triggered","event_info":{"widget_language":"en"}}
            """;

        var parsed = Assert.IsType<WidgetTriggeredEvent>(ChatwootEventParser.Parse(payload));

        Assert.Equal(90, parsed.ContactInboxId);
        Assert.Equal("Jane Doe", parsed.Contact.Name);
        Assert.Null(parsed.Conversation);
    }

    [Fact]
    public void Unknown_event_is_parsed_as_ignored()
    {
        var parsed = ChatwootEventParser.Parse("""{"event":"conversation_typing_on","account":{"id":1}}""");

        Assert.Equal(new IgnoredEvent("conversation_typing_on", 1), parsed);
    }

    [Fact]
    public void Message_event_without_a_conversation_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ChatwootEventParser.Parse("""{"event":"message_created","id":1,"account":{"id":1}}"""));
    }
}
