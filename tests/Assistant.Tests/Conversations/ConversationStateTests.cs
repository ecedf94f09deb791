using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;
using Assistant.Engine.Identity;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Conversations;

public sealed class ConversationStateTests
{
    [Theory]
    [InlineData("pending", null, null, Ownership.Bot)]
    [InlineData("pending", 12L, "User", Ownership.Human)]
    [InlineData("pending", 5L, "AgentBot", Ownership.Bot)]
    [InlineData("open", null, null, Ownership.Human)]
    [InlineData("snoozed", null, null, Ownership.Human)]
    [InlineData("resolved", null, null, Ownership.Closed)]
    public void Ownership_follows_status_and_assignee(string status, long? assigneeId, string? assigneeType, Ownership expected)
    {
        Assert.Equal(expected, OwnershipPolicy.Of(status, assigneeId, assigneeType, reclaimedAssigneeId: null));
    }

    [Fact]
    public void Handoff_makes_the_conversation_a_humans()
    {
        var state = New().Apply(Snapshot(c => c.WithStatus("open").WithTeam(3).WithUpdatedAt(200)));

        Assert.Equal(Ownership.Human, state.Ownership);
        Assert.Equal(3, state.TeamId);
    }

    [Fact]
    public void Older_snapshot_arriving_late_does_not_undo_a_newer_status()
    {
        var state = New()
            .Apply(Snapshot(c => c.WithStatus("open").WithUpdatedAt(200)))
            .Apply(Snapshot(c => c.WithStatus("pending").WithUpdatedAt(100)));

        Assert.Equal("open", state.Status);
        Assert.Equal(200, state.SourceUpdatedAt);
    }

    [Fact]
    public void Older_snapshot_still_fills_in_contact_details()
    {
        var state = New()
            .Apply(Snapshot(c => c.WithUpdatedAt(200)))
            .Apply(Snapshot(c => c.WithContact(77, "Jane Doe", email: "jane@example.com").WithUpdatedAt(100)));

        Assert.Equal("jane@example.com", state.ContactEmail);
    }

    [Fact]
    public void Customer_message_on_a_resolved_conversation_makes_it_the_bots_again()
    {
        var resolved = New().Apply(Snapshot(c => c.WithStatus("resolved").WithUpdatedAt(100)));

        var reopened = resolved.ApplyCustomerMessage(Snapshot(c => c.WithStatus("resolved").WithUpdatedAt(100)));

        Assert.Equal("pending", reopened.Status);
        Assert.Equal(Ownership.Bot, reopened.Ownership);
    }

    [Fact]
    public void Reopened_conversation_keeping_its_former_assignee_is_the_bots()
    {
        // Chatwoot reopens resolved → pending before sending the message, and keeps the assignee.
        var resolved = New().Apply(Snapshot(c => c.WithStatus("resolved").WithAssignee(12).WithUpdatedAt(100)));

        var reopened = resolved.ApplyCustomerMessage(Snapshot(c => c.WithStatus("pending").WithAssignee(12).WithUpdatedAt(200)));

        Assert.Equal(Ownership.Bot, reopened.Ownership);
        Assert.Equal(12, reopened.ReclaimedAssigneeId);
    }

    [Fact]
    public void Assigning_a_new_human_after_a_reopen_makes_it_a_humans_again()
    {
        var reopened = New()
            .Apply(Snapshot(c => c.WithStatus("resolved").WithAssignee(12).WithUpdatedAt(100)))
            .Apply(Snapshot(c => c.WithStatus("pending").WithAssignee(12).WithUpdatedAt(200)));

        var reassigned = reopened.Apply(Snapshot(c => c.WithStatus("pending").WithAssignee(13).WithUpdatedAt(300)));

        Assert.Equal(Ownership.Human, reassigned.Ownership);
    }

    [Theory]
    [InlineData("Channel::WebWidget", "b3f1c7e2-5d1a-4a53-9d6c-0f8e6b7c1a22", null, null)]
    [InlineData("Channel::Whatsapp", "4915112345678", "phone", "+4915112345678")]
    [InlineData("Channel::TwilioSms", "whatsapp:+4915112345678", "phone", "+4915112345678")]
    [InlineData("Channel::TwilioSms", "+4915112345678", "phone", "+4915112345678")]
    [InlineData("Channel::Sms", "+4915112345678", "phone", "+4915112345678")]
    [InlineData("Channel::Email", "Jane@Example.com", "email", "jane@example.com")]
    [InlineData("Channel::Email", "email:CAJ1x2@mail.example.com", null, null)]
    [InlineData("Channel::Telegram", "123456789", null, null)]
    [InlineData("Channel::Api", "+4915112345678", null, null)]
    public void A_channel_proves_only_the_address_it_received_from(string channel, string sourceId, string? method, string? address)
    {
        var proof = ChannelAddress.Of(channel, sourceId);

        Assert.Equal((method, address), (proof?.Method, proof?.Address));
    }

    [Fact]
    public void The_sender_address_is_kept_from_the_contact_inbox_whatever_the_contact_record_says()
    {
        var state = New().Apply(Snapshot(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "Jane", phone: "+4915199999999").WithSourceId("4915112345678")));

        Assert.Equal(("4915112345678", "+4915199999999"), (state.ContactSourceId, state.ContactPhone));
    }

    [Fact]
    public void Late_customer_message_with_an_older_snapshot_leaves_a_resolved_conversation_resolved()
    {
        var state = New().Apply(Snapshot(c => c.WithStatus("resolved").WithUpdatedAt(200)))
            .ApplyCustomerMessage(Snapshot(c => c.WithStatus("pending").WithUpdatedAt(150)));

        Assert.Equal(("resolved", Ownership.Closed), (state.Status, state.Ownership));
    }

    [Fact]
    public void Verification_once_given_is_kept()
    {
        var state = New()
            .Apply(Snapshot(c => c.WithHmacVerified().WithUpdatedAt(100)))
            .Apply(Snapshot(c => c.WithHmacVerified(false).WithUpdatedAt(200)));

        Assert.True(state.HmacVerified);
    }

    private static ConversationState New() => ConversationState.New(1, 42);

    private static ConversationSnapshot Snapshot(Action<ConversationJsonBuilder> configure)
    {
        var builder = new ConversationWebhookBuilder("conversation_updated").With(configure);
        return ((ConversationEvent)ChatwootEventParser.Parse(builder.ToJson())).Conversation;
    }
}
