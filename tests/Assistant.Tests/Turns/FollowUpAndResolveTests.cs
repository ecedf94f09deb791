using System.Net;
using System.Text.Json;
using Assistant.Operations.Reports;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Turns;

/// <summary>
/// <c>Assistant__FollowUpAfter</c> and <c>Assistant__ResolveAfter</c>: a question the customer leaves unanswered gets
/// one follow-up, a conversation they leave gets resolved with a closing message and the CSAT survey; only while the
/// bot holds the conversation, never after a handoff, and within WhatsApp's 24-hour window or as its template.
/// Time passes by making the timers due (<see cref="StateQueries.TimePassesAsync"/>).
/// </summary>
public sealed class FollowUpAndResolveTests : ConversationTestBase
{
    private const string FollowUp = "follow_up";
    private const string Resolve = "resolve";

    /// <summary>Starts the service with follow-up and resolve on; Chatwoot echoes the bot's messages back, as it does.</summary>
    private async Task StartAsync(bool withLlm = false, Action<Dictionary<string, string?>>? configure = null)
    {
        await StartServerAsync(withLlm, s =>
        {
            s["Assistant:FollowUpAfter"] = "00:10:00";
            s["Assistant:ResolveAfter"] = "01:00:00";
            s["Assistant:Csat"] = "always";
            configure?.Invoke(s);
        });
        Chatwoot.EchoTo = Server.Http;
    }

    /// <summary>Waits until the bot's <paramref name="count"/> messages came back as Chatwoot's echoes and are in the transcript.</summary>
    private async Task EchoedAsync(int count)
    {
        await Eventually.WaitForAsync(async () => (await Database.TranscriptAsync(1, 42)).Count(e => e.Role == Assistant.Engine.Conversations.TranscriptRole.Bot),
            n => n >= count, "the bot's messages to be echoed");
        await SettledTurnsAsync();
    }

    [Fact]
    public async Task An_unanswered_question_is_followed_up_once_and_the_silent_conversation_resolved_with_a_survey()
    {
        // Arrange: the bot answers with a question; the model is down when the follow-up is due.
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?").ThenStatus(HttpStatusCode.InternalServerError);
        await StartAsync(withLlm: true);
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await EchoedAsync(1);
        var waiting = await Database.WaitingTimersAsync();

        // Act: the customer says nothing.
        await Database.TimePassesAsync(FollowUp);
        await SettledTurnsAsync();
        var followedUp = Posted().Select(Content).ToList();
        await Database.TimePassesAsync(Resolve);
        var outcomes = await SettledTurnsAsync();

        // Assert
        Assert.Equal([FollowUp, Resolve], waiting);
        Assert.Equal(["Order 1042 is on its way. Would you like the tracking link?", "Just checking in on my question: Would you like the tracking link?"], followedUp);
        var closing = Posted().Skip(2).ToList();
        Assert.Equal(["text", "input_csat"], closing.Select(ContentType));
        Assert.StartsWith("I'll close this chat for now", Content(closing[0]), StringComparison.Ordinal);
        Assert.Equal("resolved", conversation.Status);
        Assert.Equal(["answered", "answered", "resolved"], outcomes);
        Assert.Empty(await Database.WaitingTimersAsync());
    }

    [Fact]
    public async Task With_the_model_the_follow_up_is_written_for_the_conversation()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?")
            .ThenText("Hi Jane, still there? I can send the tracking link for order 1042 whenever you like.");
        await StartAsync(withLlm: true);
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await EchoedAsync(1);

        await Database.TimePassesAsync(FollowUp);
        await SettledTurnsAsync();

        Assert.Equal("Hi Jane, still there? I can send the tracking link for order 1042 whenever you like.", Content(Posted()[^1]));
        var request = OpenAI.Completions[^1];
        Assert.False(request.TryGetProperty("tools", out _));
        var messages = request.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Contains("has not answered your last message", messages[0], StringComparison.Ordinal);
        Assert.Equal(["Where is order 1042?", "Order 1042 is on its way. Would you like the tracking link?"], messages.Skip(1));
    }

    [Fact]
    public async Task A_written_follow_up_with_a_number_the_conversation_never_held_gives_way_to_the_plain_one()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?")
            .ThenText("Still there? Order 7731 ships tomorrow.");
        await StartAsync(withLlm: true);
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await EchoedAsync(1);

        await Database.TimePassesAsync(FollowUp);
        await SettledTurnsAsync();

        Assert.Equal("Just checking in on my question: Would you like the tracking link?", Content(Posted()[^1]));
    }

    [Fact]
    public async Task An_answer_that_asked_nothing_gets_no_follow_up_but_is_still_resolved_later()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way.");
        await StartAsync(withLlm: true);

        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();

        Assert.Equal([Resolve], await Database.WaitingTimersAsync());
    }

    [Fact]
    public async Task A_customer_who_writes_back_gets_no_follow_up_on_the_earlier_question()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?").ThenText("Great, I've noted that for you.");
        await StartAsync(withLlm: true);
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();
        await SayAsync(VerifiedJane("Yes please"));
        await SettledTurnsAsync();

        // Act: the first answer's timers fall due.
        await Database.TimePassesAsync(FollowUp);
        await SettledTurnsAsync();

        // Assert: nothing more is said; the newest answer's resolve still waits.
        Assert.Equal(2, Posted().Count);
        Assert.Equal([Resolve, Resolve], await Database.WaitingTimersAsync());
    }

    [Fact]
    public async Task A_handed_off_conversation_is_neither_followed_up_nor_resolved()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartAsync();

        await SayAsync(VerifiedJane("I want to talk to a human please"));
        await SettledTurnsAsync();

        Assert.Equal("open", conversation.Status);
        Assert.Empty(await Database.WaitingTimersAsync());
    }

    [Fact]
    public async Task A_conversation_people_took_over_meanwhile_is_left_to_them()
    {
        // Arrange
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?");
        await StartAsync(withLlm: true);
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();
        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("Hi Jane, Anna here: I've sent the link by email."));
        await SettledTurnsAsync();
        var postedBefore = Posted().Count;

        // Act
        await Database.TimePassesAsync(FollowUp);
        await Database.TimePassesAsync(Resolve);
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(postedBefore, Posted().Count);
        Assert.Equal("open", conversation.Status);
    }

    [Fact]
    public async Task The_bot_resolving_on_the_customers_goodbye_sends_the_survey_when_the_inbox_has_csat_on()
    {
        // Arrange: CSAT as the inbox says, and Chatwoot says it is on.
        var conversation = Chatwoot.AddConversation(1, 42);
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", r => FakeChatwoot.Authorized(r,
            () => FakeResponse.Json("""{"id":3,"name":"Website","channel_type":"Channel::WebWidget","csat_survey_enabled":true,"hmac_mandatory":false}"""), userOnly: true));
        await StartAsync(configure: s => s["Assistant:Csat"] = "inbox");

        // Act
        await SayAsync(VerifiedJane("Thanks, bye!"));
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(["text", "input_csat"], Posted().Select(ContentType));
        Assert.Equal("resolved", conversation.Status);
    }

    [Fact]
    public async Task No_survey_where_the_inbox_has_csat_off()
    {
        Chatwoot.AddConversation(1, 42);
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", r => FakeChatwoot.Authorized(r,
            () => FakeResponse.Json("""{"id":3,"name":"Website","channel_type":"Channel::WebWidget","csat_survey_enabled":false}"""), userOnly: true));
        await StartAsync(configure: s => s["Assistant:Csat"] = "inbox");

        await SayAsync(VerifiedJane("Thanks, bye!"));
        await SettledTurnsAsync();

        Assert.Equal(["text"], Posted().Select(ContentType));
    }

    [Fact]
    public async Task Outside_whatsapps_window_the_follow_up_is_the_configured_template()
    {
        // Arrange: a WhatsApp conversation whose 24 hours are over by the time the follow-up is due.
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?");
        await StartAsync(withLlm: true, s =>
        {
            s["Assistant:WindowTemplate:Name"] = "conversation_follow_up";
            s["Assistant:WindowTemplate:Language"] = "en_US";
            s["Assistant:WindowTemplate:Text"] = "Hi {{1}}, we're still here if you need anything with your order.";
        });
        await SayAsync(WhatsAppJane("Where is order 1042?"));
        await SettledTurnsAsync();
        conversation.CanReply = false;

        // Act
        await Database.TimePassesAsync(FollowUp);
        await SettledTurnsAsync();

        // Assert
        var template = Posted()[^1];
        Assert.Equal("Hi Jane, we're still here if you need anything with your order.", Content(template));
        Assert.Equal("""{"name":"conversation_follow_up","category":"UTILITY","language":"en_US","processed_params":{"body":{"1":"Jane"}}}""",
            template.GetProperty("template_params").GetRawText());
        Assert.Single(OpenAI.Completions);
        Assert.Contains(await TimelineTitlesAsync(), t => t.Contains("(follow-up) · answered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_whatsapps_window_without_a_template_nothing_is_sent_and_the_turn_says_why()
    {
        // Arrange
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Order 1042 is on its way. Would you like the tracking link?");
        await StartAsync(withLlm: true);
        await SayAsync(WhatsAppJane("Where is order 1042?"));
        await SettledTurnsAsync();
        conversation.CanReply = false;

        // Act
        await Database.TimePassesAsync(FollowUp);
        await SettledTurnsAsync();
        await Database.TimePassesAsync(Resolve);
        var outcomes = await SettledTurnsAsync();

        // Assert: the follow-up is recorded as outside the window; the resolve closes without a message.
        Assert.Single(Posted());
        Assert.Equal(["answered", "outside_window", "resolved"], outcomes);
        Assert.Equal("resolved", conversation.Status);
        Assert.Contains(await TimelineTitlesAsync(), t => t.Contains("(follow-up) · outside_window", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_that_comes_after_the_window_closed_goes_out_as_the_template_instead()
    {
        // Arrange: by the time the turn runs (after an outage, say), Chatwoot says the window has closed.
        var conversation = Chatwoot.AddConversation(1, 42);
        conversation.CanReply = false;
        await StartAsync(configure: s =>
        {
            s["Assistant:WindowTemplate:Name"] = "conversation_follow_up";
            s["Assistant:WindowTemplate:Text"] = "Hi {{1}}, sorry for the wait: reply here and we'll pick up your question.";
        });

        // Act
        await SayAsync(WhatsAppJane("Where is order 1042?"));
        var outcomes = await SettledTurnsAsync();

        // Assert: only the template, which WhatsApp accepts outside the window.
        var sent = Assert.Single(Posted());
        Assert.Equal("Hi Jane, sorry for the wait: reply here and we'll pick up your question.", Content(sent));
        Assert.Equal("conversation_follow_up", sent.GetProperty("template_params").GetProperty("name").GetString());
        Assert.Equal(["answered"], outcomes);
    }

    private async Task<IReadOnlyList<string>> TimelineTitlesAsync() =>
        [.. (await new TimelineRepository(Database.DataSource, [Assistant.Bridge.BridgeHistory.Timeline]).ReadAsync(42, 1, 1, Token))!.Entries.Select(e => e.Title)];

    private static MessageWebhookBuilder WhatsAppJane(string text) =>
        new MessageWebhookBuilder(42).WithContent(text)
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "Jane Doe", phone: "+15550001042").WithSourceId("15550001042"));

    private static string Content(JsonElement message) => message.GetProperty("content").GetString()!;
}
