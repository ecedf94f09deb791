using System.Net;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Turns;

/// <summary>Turns with no LLM configured: the offline router, handoff, resolve, debounce and exactly-once delivery.</summary>
public sealed class OfflineConversationTests : ConversationTestBase
{
    [Fact]
    public async Task Asking_for_a_human_hands_off_in_the_designed_order_and_the_bot_then_stays_silent()
    {
        // Arrange
        var conversation = Chatwoot.AddConversation(1, 42);
        conversation.Labels = ["vip"];
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(VerifiedJane("I want to talk to a human please"));
        await SettledTurnsAsync();

        // Assert: note, labels merged, team, status open, then one customer message.
        var calls = Chatwoot.Requests.Where(r => r.Method == "POST" && !r.Path.EndsWith("toggle_typing_status", StringComparison.Ordinal))
            .Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).ToList();
        Assert.Equal(["messages", "labels", "assignments", "toggle_status", "messages"], calls);
        var posted = Posted();
        Assert.True(posted[0].GetProperty("private").GetBoolean());
        Assert.Contains("Reason: customer_request", posted[0].GetProperty("content").GetString());
        Assert.Contains("verified by hmac", posted[0].GetProperty("content").GetString());
        Assert.Equal("I've passed your conversation to our team. Someone will reply here as soon as possible.", posted[1].GetProperty("content").GetString());
        Assert.Equal(["vip", "bot-handoff", "handoff:customer_request"], conversation.Labels);
        Assert.Equal((3L, "open"), (conversation.TeamId!.Value, conversation.Status));

        // Act: the customer writes again while the human owns the conversation.
        await SayAsync(VerifiedJane("Hello? Where is order 1042?").WithConversation(c => c.WithStatus("open").WithTeam(3).WithUpdatedAt(1781691700)));
        var turns = await SettledTurnsAsync();

        // Assert: no turn for a conversation a human owns, and nothing said.
        Assert.Equal(2, Posted().Count);
        Assert.Equal(["handed_off"], turns);
    }

    [Fact]
    public async Task Human_taking_over_after_the_message_arrived_silences_the_turn()
    {
        // Arrange: the webhook still says pending, but by the time the turn runs an agent has opened the conversation.
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(VerifiedJane("what's the status of order 1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["not_owner"], turns);
        Assert.Empty(Posted());
    }

    [Fact]
    public async Task After_a_resolve_a_new_customer_message_is_answered_again()
    {
        var conversation = Chatwoot.AddConversation(1, 42, status: "resolved");
        await StartServerAsync(withLlm: false);
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved").WithAssignee(12).WithUpdatedAt(100)).ToJson());

        // Chatwoot reopens a resolved conversation as pending (keeping the assignee) before it sends the message.
        conversation.Status = "pending";
        conversation.AssigneeId = 12;
        await SayAsync(VerifiedJane("Where is order 1042?").WithConversation(c => c.WithStatus("pending").WithAssignee(12).WithUpdatedAt(200)));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["answered"], turns);
        Assert.Equal(["cards", "text"], Posted().Select(ContentType));
    }

    [Fact]
    public async Task Two_messages_in_quick_succession_get_one_answer()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Assistant:DebounceMs"] = "1500");

        await SayAsync(VerifiedJane("Hi"));
        var second = VerifiedJane("what's the status of order 1042?");
        await SayAsync(second);
        var turns = await SettledTurnsAsync();

        Assert.Equal(["answered"], turns);
        var answer = Assert.Single(Posted());
        Assert.Equal("cards", ContentType(answer));
        Assert.Equal(second.MessageId, InReplyTo(answer));
    }

    [Fact]
    public async Task Debounced_turn_runs_when_due_without_waiting_for_the_next_poll()
    {
        // A notification arrives when the turn is stored, not when its debounce ends: the worker must time that.
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Inbox:PollInterval"] = "00:10:00");

        await SayAsync(VerifiedJane("what's the status of order 1042?"));

        var posted = await Eventually.WaitForAsync(() => Task.FromResult(Posted().Count), n => n > 0, "the debounced answer", TimeSpan.FromSeconds(60));
        Assert.Equal(1, posted);
    }

    [Fact]
    public async Task Turn_is_recorded_finished_in_the_transaction_that_completes_its_event()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(VerifiedJane("what's the status of order 1042?"));
        Assert.Equal(["answered"], await SettledTurnsAsync());

        // Assert: rows written by one transaction share its xmin.
        Assert.Equal(1, await Database.CountAsync("""
            (SELECT xmin::text FROM turns WHERE state = 'done'
             UNION SELECT xmin::text FROM inbox_events WHERE source = 'turn' AND state = 'done') commits
            """));
    }

    [Fact]
    public async Task Widget_choice_click_is_answered_as_customer_input()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(VerifiedJane("x").AsSelectClick("Order #1042", "1042")
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com", identifier: "cus_jane").WithHmacVerified()));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["answered"], turns);
        Assert.Equal("cards", ContentType(Assert.Single(Posted())));
    }

    [Fact]
    public async Task Widget_form_submit_proves_an_unverified_visitors_order()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(Visitor("x").AsFormSubmit(("order", "1042"), ("email", "jane@example.com")));
        await SettledTurnsAsync();

        var posted = Assert.Single(Posted());
        Assert.Contains("Order #1042", posted.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Unverified_visitor_is_asked_for_proof_and_a_wrong_email_reads_like_a_missing_order()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(Visitor("where is order 1042?"));
        await SettledTurnsAsync();
        await SayAsync(Visitor("my email is someone@else.example"));
        await SettledTurnsAsync();
        await SayAsync(Visitor("where is order 9999? my email is someone@else.example"));
        await SettledTurnsAsync();

        var texts = Posted().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.StartsWith("To look up an order, please send me its number together with", texts[0]);
        Assert.Equal("I couldn't find order #1042 for you. Please check the number, and send me the email address or phone number used on the order.", texts[1]);
        Assert.Equal("I couldn't find order #9999 for you. Please check the number, and send me the email address or phone number used on the order.", texts[2]);
    }

    [Theory]
    [InlineData("en", "Channel::WebWidget", "Where is order 1042? Track it please", "DHL JD014600006611: In transit")]
    [InlineData("zh-CN", "Channel::WebWidget", "我的订单2001物流到哪了？", "顺丰速运 SF1234567890123：派送中")]
    [InlineData("vi", "Channel::Whatsapp", "Đơn hàng 3001 của tôi đang vận chuyển đến đâu rồi?", "Giao Hàng Nhanh GHN5AB12CD: Đang vận chuyển")]
    public async Task Offline_mode_answers_tracking_in_the_customers_language(string language, string channel, string question, string expected)
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);
        string? email = language switch { "zh-CN" => "xiaoming.wang@example.cn", "en" => "jane@example.com", _ => null };
        string? phone = language == "vi" ? "+84901234567" : null;

        await SayAsync(new MessageWebhookBuilder(42).WithContent(question)
            .WithConversation(c => c.WithChannel(channel).WithLanguage(language).WithContact(80, "Customer", email: email, phone: phone).WithHmacVerified(channel == "Channel::WebWidget")));
        await SettledTurnsAsync();

        Assert.Contains(expected, Posted()[^1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Vietnamese_typed_without_accents_is_answered_in_vietnamese()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(new MessageWebhookBuilder(42).WithContent("don hang 3001 cua toi dang o dau vay?")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithLanguage("en").WithContact(80, "An", phone: "+84901234567")));
        await SettledTurnsAsync();

        Assert.Contains("Giao Hàng Nhanh GHN5AB12CD: Đang vận chuyển", Posted()[^1].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("我的订单1042到哪了？", "DHL JD014600006611：运输中")]
    [InlineData("Đơn hàng 1042 của tôi đang ở đâu?", "DHL JD014600006611: Đang vận chuyển")]
    public async Task Offline_mode_answers_in_the_language_the_customer_writes_not_the_widgets(string question, string expected)
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(VerifiedJane(question).WithConversation(c => c.WithLanguage("en")));
        await SettledTurnsAsync();

        Assert.Contains(expected, Posted()[^1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Offline_mode_hands_off_what_it_cannot_answer()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(VerifiedJane("Can I change the colour of my jacket?"));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["handed_off"], turns);
        Assert.Contains("Reason: out_of_scope", Posted()[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Answer_whose_delivery_failed_is_sent_again_once_without_duplicates()
    {
        // Arrange: Chatwoot fails the first message post with a 500 (it may or may not have stored it; here it did not).
        FailFirstMessagePost();
        await StartServerAsync(withLlm: false, s => s["Assistant:EchoWait"] = "00:00:01");

        // Act
        await SayAsync(VerifiedJane("what's the status of order 1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        Assert.Single(Posted());
        Assert.Equal(2, Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/messages").Count);
    }

    [Fact]
    public async Task With_a_user_token_an_answer_chatwoot_did_not_store_is_resent_as_soon_as_the_history_shows_it_missing()
    {
        // Arrange: one 500 on the message post; the echo wait is long, so only the history can settle it quickly.
        FailFirstMessagePost();
        await StartServerAsync(withLlm: false, s => s["Assistant:EchoWait"] = "00:10:00");

        // Act
        await SayAsync(VerifiedJane("what's the status of order 1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        Assert.Single(Posted());
        Assert.Single(Chatwoot.RequestsTo("GET", "/api/v1/accounts/1/conversations/42/messages"));
    }

    [Fact]
    public async Task Answer_that_chatwoot_stored_despite_an_error_is_confirmed_by_its_echo_and_not_sent_twice()
    {
        // Arrange: Chatwoot stores the message but the response is lost (500); its echo webhook arrives.
        var conversation = Chatwoot.AddConversation(1, 42);
        Chatwoot.On("POST", "/api/v1/accounts/1/conversations/42/messages", request =>
        {
            conversation.Messages.Enqueue(request.Json.Clone());
            var echo = new MessageWebhookBuilder(42).WithId(5001).FromBot().WithContent(request.Json.GetProperty("content").GetString()!);
            _ = Task.Run(() => Server.Http.PostSignedAsync(echo.ToJson()));
            return FakeResponse.Error(HttpStatusCode.InternalServerError);
        });
        // No user token: the echo is the only confirmation there is.
        await StartServerAsync(withLlm: false, s => (s["Assistant:EchoWait"], s["Chatwoot:UserToken"]) = ("00:00:05", null));

        // Act
        await SayAsync(VerifiedJane("what's the status of order 1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        Assert.Single(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/messages"));
    }

    [Fact]
    public async Task Answer_that_chatwoot_stored_but_whose_echo_was_lost_is_found_in_the_history_and_not_sent_twice()
    {
        // Arrange: Chatwoot stores the message, the response is lost and so is the echo (the service was down for it).
        var conversation = Chatwoot.AddConversation(1, 42);
        Chatwoot.On("POST", "/api/v1/accounts/1/conversations/42/messages", request =>
        {
            conversation.Messages.Enqueue(request.Json.Clone());
            conversation.History.Enqueue((6001, request.Json.Clone(), DateTimeOffset.UtcNow));
            return FakeResponse.Error(HttpStatusCode.InternalServerError);
        });
        await StartServerAsync(withLlm: false, s => s["Assistant:EchoWait"] = "00:05:00");

        // Act
        await SayAsync(VerifiedJane("what's the status of order 1042?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        Assert.Single(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/messages"));
        Assert.Single(Chatwoot.RequestsTo("GET", "/api/v1/accounts/1/conversations/42/messages"));
    }

    /// <summary>Chatwoot answers the first message post with a 500 without storing it, and stores the ones after.</summary>
    private void FailFirstMessagePost()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        var failures = 0;
        Chatwoot.On("POST", "/api/v1/accounts/1/conversations/42/messages", request =>
        {
            if (Interlocked.Increment(ref failures) == 1)
            {
                return FakeResponse.Error(HttpStatusCode.InternalServerError);
            }

            conversation.Messages.Enqueue(request.Json.Clone());
            return FakeResponse.Json("""{"id":777}""");
        });
    }
}
