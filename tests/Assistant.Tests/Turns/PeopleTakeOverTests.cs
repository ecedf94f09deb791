using System.Net;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Turns;

/// <summary>
/// In an Agent Bot inbox Chatwoot leaves a conversation pending after a person replies (reference/chatwoot.md §6): the
/// service notices the reply itself, goes silent and opens the conversation for the team; people give it back by
/// setting it pending or with the hand-back label, and the bot then continues knowing it was handed back.
/// </summary>
public sealed class PeopleTakeOverTests : ConversationTestBase
{
    private const string HandBackLabel = "bot-handback";

    public static TheoryData<string> PeopleReplies => ["agent", "paired phone"];

    [Theory]
    [MemberData(nameof(PeopleReplies))]
    public async Task A_persons_reply_silences_the_bot_and_opens_the_conversation_for_the_team(string who)
    {
        // Arrange: a pending conversation the bot has been answering.
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);
        var reply = new MessageWebhookBuilder(42).WithContent("Hi Jane, I'm Anna from the team. Let me check that for you.");

        // Act: a person replies, then the customer writes while Chatwoot still says pending.
        await SayAsync(who == "agent" ? reply.FromAgent() : reply.FromPairedPhone());
        await SettledTurnsAsync();
        // The event is complete before Chatwoot is told: the local state already silences the bot.
        var opened = await Eventually.WaitForAsync(() => Task.FromResult(conversation.Status), s => s == "open", "the conversation to be opened");
        conversation.Status = "pending";
        await SayAsync(VerifiedJane("Thanks! Where is order 1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal("open", opened);
        Assert.Empty(Posted());
        Assert.Empty(turns);
    }

    [Fact]
    public async Task Without_opening_on_a_reply_the_bot_still_stays_silent()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Handoff:OpenOnHumanReply"] = "false");

        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("Anna here, I'll take it from here."));
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();

        Assert.Equal("pending", conversation.Status);
        Assert.Empty(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_status"));
        Assert.Empty(Posted());
    }

    public static TheoryData<string> NotAPerson => ["automation rule", "campaign", "template"];

    [Theory]
    [MemberData(nameof(NotAPerson))]
    public async Task Automation_campaign_and_template_messages_leave_the_conversation_to_the_bot(string source)
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);
        var message = new MessageWebhookBuilder(42).WithContent("Thanks for your message! We usually reply within minutes.");

        await SayAsync(source switch { "automation rule" => message.FromAutomationRule(), "campaign" => message.FromCampaign(), _ => message.AsTemplate() });
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();

        Assert.Contains(Posted(), m => m.GetProperty("content").GetString()!.Contains("1042", StringComparison.Ordinal));
        Assert.Empty(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_status"));
    }

    [Fact]
    public async Task Set_back_to_pending_the_conversation_is_the_bots_again_and_it_knows_it_was_handed_back()
    {
        // Arrange: a person took the conversation over (the service opened it).
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Happy to help further with order 1042.");
        await StartServerAsync(withLlm: true);
        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("I've updated your address, Jane."));
        await SettledTurnsAsync();
        await ConversationEventAsync("conversation_status_changed", c => c.WithStatus("open").WithUpdatedAt(1781691700));

        // Act: the person sets it back to pending; the customer writes again.
        conversation.Status = "pending";
        await ConversationEventAsync("conversation_status_changed", c => c.WithStatus("pending").WithUpdatedAt(1781691800));
        await SayAsync(VerifiedJane("Great, and is order 1042 on its way?").WithConversation(c => c.WithUpdatedAt(1781691900)));
        await SettledTurnsAsync();

        // Assert: the bot answers, and its prompt says the conversation was handed back with the person's words in it.
        Assert.Equal("Happy to help further with order 1042.", Posted()[^1].GetProperty("content").GetString());
        var messages = OpenAI.Completions[^1].GetProperty("messages");
        Assert.Contains("handed it back to you", messages[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(messages.EnumerateArray(), m => m.GetProperty("content").GetString() is { } text && text.Contains("I've updated your address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_hand_back_label_gives_the_conversation_back_and_is_taken_off_for_next_time()
    {
        // Arrange: a person took over; the conversation is open.
        var conversation = Chatwoot.AddConversation(1, 42, status: "open");
        await StartServerAsync(withLlm: false, s => s["Handoff:HandBackLabel"] = HandBackLabel);
        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("Done, your address is updated.").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();

        // Act: the person adds the label (no assignee); the customer writes again.
        conversation.Labels = ["vip", HandBackLabel];
        await ConversationEventAsync("conversation_updated", c => c.WithStatus("open").WithLabels("vip", HandBackLabel).WithUpdatedAt(1781691800));
        await SayAsync(VerifiedJane("Where is order 1042?").WithConversation(c => c.WithStatus("pending").WithLabels("vip").WithUpdatedAt(1781691900)));
        await SettledTurnsAsync();

        // Assert
        await Eventually.WaitForAsync(() => Task.FromResult(conversation.Labels), l => l.Length == 1, "the label to be taken off");
        Assert.Equal("pending", conversation.Status);
        Assert.Equal(["vip"], conversation.Labels);
        Assert.Contains(Posted(), m => m.GetProperty("content").GetString()!.Contains("1042", StringComparison.Ordinal));
    }

    private async Task ConversationEventAsync(string eventName, Action<ConversationJsonBuilder> configure)
    {
        using var response = await Server.Http.PostSignedAsync(new ConversationWebhookBuilder(eventName).With(configure).ToJson());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SettledTurnsAsync();
    }
}
