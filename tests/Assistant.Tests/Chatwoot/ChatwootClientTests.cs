using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Chatwoot;

public sealed class ChatwootClientTests : IAsyncLifetime
{
    private const long Account = 1;
    private const long ConversationId = 42;
    private FakeChatwoot _chatwoot = null!;
    private ServiceProvider _services = null!;
    private FakeChatwoot.FakeConversation _conversation = null!;

    public async ValueTask InitializeAsync()
    {
        _chatwoot = await FakeChatwoot.StartAsync();
        _conversation = _chatwoot.AddConversation(Account, ConversationId);
        _services = Services(userToken: FakeChatwoot.UserToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _chatwoot.DisposeAsync();
    }

    private ChatwootClient Client => _services.GetRequiredService<ChatwootClient>();

    private ChatwootUserClient UserClient => _services.GetRequiredService<ChatwootUserClient>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Text_reply_is_posted_with_the_bot_token_and_in_reply_to()
    {
        var id = await Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.Text("Your order has shipped.", inReplyTo: 4821), Token);

        var request = Assert.Single(_chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/messages"));
        Assert.True(id > 0);
        Assert.Equal(FakeChatwoot.BotToken, request.Header("api_access_token"));
        Assert.Equal("""{"content":"Your order has shipped.","message_type":"outgoing","private":false,"content_type":"text","content_attributes":{"in_reply_to":4821}}""", request.Body);
        Assert.Empty(_chatwoot.Unexpected);
    }

    [Fact]
    public async Task Private_note_select_cards_form_and_article_are_posted_as_chatwoot_expects()
    {
        await Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.PrivateNote("Handed off: refund request."), Token);
        await Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.Select("Which order?", [new SelectItem("#1042", "1042")]), Token);
        await Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.Cards("Order #1042",
            [new CardItem("Order #1042", "Shipped", null, [CardAction.Link("View", "https://shop.example.com/orders/1042")])]), Token);
        await Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.Form("Details", [new FormField("email", "Email", "email")]), Token);
        await Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.Articles("Help", [new ArticleItem("Returns", null, "https://help.example.com/returns")]), Token);

        var bodies = _conversation.Messages.ToList();
        Assert.True(bodies[0].GetProperty("private").GetBoolean());
        Assert.Equal(["text", "input_select", "cards", "form", "article"], bodies.Select(b => b.GetProperty("content_type").GetString()));
        Assert.Equal("1042", bodies[1].GetProperty("content_attributes").GetProperty("items")[0].GetProperty("value").GetString());
        Assert.Equal("link", bodies[2].GetProperty("content_attributes").GetProperty("items")[0].GetProperty("actions")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Conversation_is_read_with_status_assignee_and_custom_attributes()
    {
        (_conversation.Status, _conversation.AssigneeId, _conversation.TeamId) = ("open", 12, 3);
        _conversation.CustomAttributes = new JsonObject { ["order"] = "1042" };

        var conversation = await Client.GetConversationAsync(Account, ConversationId, Token);

        Assert.NotNull(conversation);
        Assert.Equal(("open", 12L, "User", 3L), (conversation.Snapshot.Status, conversation.Snapshot.AssigneeId, conversation.Snapshot.AssigneeType, conversation.Snapshot.TeamId));
        Assert.Equal("1042", conversation.CustomAttributes.GetProperty("order").GetString());
    }

    [Fact]
    public async Task Unknown_conversation_reads_as_null()
    {
        _chatwoot.On("GET", "/api/v1/accounts/1/conversations/999", FakeResponse.Error(HttpStatusCode.NotFound, """{"error":"not found"}"""));

        Assert.Null(await Client.GetConversationAsync(Account, 999, Token));
    }

    [Fact]
    public async Task Status_is_always_sent_explicitly()
    {
        var status = await Client.ToggleStatusAsync(Account, ConversationId, ConversationStatus.Open, Token);
        await Client.ToggleStatusAsync(Account, ConversationId, ConversationStatus.Snoozed, Token, snoozedUntil: DateTimeOffset.FromUnixTimeSeconds(1781700000));

        Assert.Equal("open", status);
        var bodies = _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_status").Select(r => r.Body);
        Assert.Equal(["""{"status":"open"}""", """{"status":"snoozed","snoozed_until":1781700000}"""], bodies);
    }

    [Fact]
    public async Task Typing_and_priority_are_toggled()
    {
        await Client.ToggleTypingAsync(Account, ConversationId, typing: true, Token);
        await Client.ToggleTypingAsync(Account, ConversationId, typing: false, Token);
        await Client.TogglePriorityAsync(Account, ConversationId, ConversationPriority.Urgent, Token);
        await Client.TogglePriorityAsync(Account, ConversationId, null, Token);

        Assert.Equal(["on", "off"], _conversation.Typing);
        Assert.Equal("""{"typing_status":"on","is_private":false}""", _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_typing_status")[0].Body);
        Assert.Equal(["""{"priority":"urgent"}""", """{"priority":null}"""], _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_priority").Select(r => r.Body));
    }

    [Fact]
    public async Task Team_and_agent_are_assigned_in_separate_calls()
    {
        var team = await Client.AssignTeamAsync(Account, ConversationId, 3, Token);
        var agent = await Client.AssignAgentAsync(Account, ConversationId, 12, Token);
        var none = await Client.AssignAgentAsync(Account, ConversationId, null, Token);

        Assert.Equal(3L, team);
        Assert.Equal(12L, agent);
        Assert.Null(none);
        Assert.Equal(["""{"team_id":3}""", """{"assignee_id":12}""", """{"assignee_id":null}"""],
            _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/assignments").Select(r => r.Body));
    }

    [Fact]
    public async Task Adding_labels_keeps_the_existing_ones()
    {
        _conversation.Labels = ["vip"];

        var labels = await Client.AddLabelsAsync(Account, ConversationId, ["handoff", "VIP"], Token);

        Assert.Equal(["vip", "handoff"], labels);
        Assert.Equal(["vip", "handoff"], _conversation.Labels);
    }

    [Fact]
    public async Task Adding_labels_already_present_writes_nothing()
    {
        _conversation.Labels = ["vip", "handoff"];

        await Client.AddLabelsAsync(Account, ConversationId, ["handoff"], Token);

        Assert.Empty(_chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/labels"));
    }

    [Fact]
    public async Task Merging_custom_attributes_keeps_the_others()
    {
        _conversation.CustomAttributes = new JsonObject { ["order"] = "1042", ["tier"] = "gold" };

        await Client.MergeCustomAttributesAsync(Account, ConversationId, new JsonObject { ["order"] = "1043" }, Token);

        Assert.Equal("""{"order":"1043","tier":"gold"}""", _conversation.CustomAttributes.ToJsonString());
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_time_chatwoot_asks_for()
    {
        _chatwoot.OnSequence("POST", "/api/v1/accounts/1/conversations/42/toggle_status",
            FakeResponse.Error(HttpStatusCode.TooManyRequests, headers: new Dictionary<string, string> { ["Retry-After"] = "1" }),
            FakeResponse.Json("""{"payload":{"current_status":"open"}}"""));
        var started = Stopwatch.GetTimestamp();

        var status = await Client.ToggleStatusAsync(Account, ConversationId, ConversationStatus.Open, Token);

        Assert.Equal("open", status);
        Assert.Equal(2, _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_status").Count);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the retry did not wait for Retry-After");
    }

    [Fact]
    public async Task Server_error_on_an_idempotent_call_is_retried()
    {
        _chatwoot.OnSequence("POST", "/api/v1/accounts/1/conversations/42/toggle_typing_status",
            FakeResponse.Error(HttpStatusCode.BadGateway), FakeResponse.Json("{}"));

        await Client.ToggleTypingAsync(Account, ConversationId, true, Token);

        var attempts = _chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_typing_status");
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(FakeChatwoot.BotToken, attempt.Header("api_access_token")));
    }

    [Fact]
    public async Task Server_error_on_message_creation_is_not_retried_so_the_customer_never_reads_it_twice()
    {
        _chatwoot.On("POST", "/api/v1/accounts/1/conversations/42/messages", FakeResponse.Error(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<ChatwootApiException>(() =>
            Client.CreateMessageAsync(Account, ConversationId, OutgoingMessage.Text("hello"), Token));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(_chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/messages"));
    }

    [Fact]
    public async Task Unauthorized_names_the_token_setting_and_never_the_token()
    {
        await using var services = Services(botToken: "revoked-token");

        var error = await Assert.ThrowsAsync<ChatwootAuthorizationException>(() =>
            services.GetRequiredService<ChatwootClient>().ToggleStatusAsync(Account, ConversationId, ConversationStatus.Open, Token));

        Assert.Equal(ChatwootToken.Bot, error.Token);
        Assert.Contains("Chatwoot__BotToken", error.Message);
        Assert.DoesNotContain("revoked-token", error.Message);
        Assert.Single(_chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations/42/toggle_status"));
    }

    [Fact]
    public async Task Contact_calls_without_a_user_token_fail_naming_the_setting()
    {
        await using var services = Services(userToken: null);

        var error = await Assert.ThrowsAsync<ChatwootAuthorizationException>(() =>
            services.GetRequiredService<ChatwootUserClient>().GetContactAsync(Account, 77, Token));

        Assert.Contains("Chatwoot__UserToken", error.Message);
        Assert.Empty(_chatwoot.Requests);
    }

    [Fact]
    public async Task Contact_is_read_searched_and_updated_with_the_user_token()
    {
        const string contact = """{"payload":{"id":77,"name":"Jane Doe","email":"jane@example.com","phone_number":"+4915112345678","identifier":"cus_77","custom_attributes":{"tier":"gold"},"additional_attributes":{}}}""";
        _chatwoot.On("GET", "/api/v1/accounts/1/contacts/77", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(contact), userOnly: true));
        _chatwoot.On("PUT", "/api/v1/accounts/1/contacts/77", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(contact), userOnly: true));
        _chatwoot.On("GET", "/api/v1/accounts/1/contacts/search", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(
            """{"meta":{"count":1,"current_page":1,"has_more":false},"payload":[{"id":77,"name":"Jane Doe","email":"jane@example.com"}]}"""), userOnly: true));

        var read = await UserClient.GetContactAsync(Account, 77, Token);
        var found = await UserClient.SearchContactsAsync(Account, "jane@example.com", Token);
        await UserClient.UpdateContactAsync(Account, 77, new ContactUpdate(Name: "Jane D.", CustomAttributes: new JsonObject { ["tier"] = "platinum" }), Token);

        Assert.Equal(("Jane Doe", "cus_77", "gold"), (read!.Name, read.Identifier, read.CustomAttributes.GetProperty("tier").GetString()));
        Assert.Equal(77, Assert.Single(found.Contacts).Id);
        Assert.Equal("?q=jane%40example.com&page=1", _chatwoot.RequestsTo("GET", "/api/v1/accounts/1/contacts/search")[0].Query);
        var update = Assert.Single(_chatwoot.RequestsTo("PUT", "/api/v1/accounts/1/contacts/77"));
        Assert.Equal(FakeChatwoot.UserToken, update.Header("api_access_token"));
        Assert.Equal("""{"name":"Jane D.","custom_attributes":{"tier":"platinum"}}""", update.Body);
    }

    [Fact]
    public async Task Message_history_is_read_with_the_user_token()
    {
        _chatwoot.On("GET", "/api/v1/accounts/1/conversations/42/messages", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json("""
            {"meta":{},"payload":[
              {"id":1,"content":"hi","message_type":0,"content_type":"text","created_at":1781691630,"private":false,"sender":{"id":77,"type":"contact"}},
              {"id":2,"content":"hello","message_type":1,"content_type":"text","created_at":1781691631,"private":false,"sender":{"id":5,"type":"agent_bot"}}]}
            """), userOnly: true));

        var messages = await UserClient.ListMessagesAsync(Account, ConversationId, Token, beforeMessageId: 3);

        Assert.Equal([1L, 2L], messages.Select(m => m.Id));
        Assert.Equal("?before=3", _chatwoot.RequestsTo("GET", "/api/v1/accounts/1/conversations/42/messages")[0].Query);
    }

    private ServiceProvider Services(string botToken = FakeChatwoot.BotToken, string? userToken = FakeChatwoot.UserToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chatwoot:BaseUrl"] = _chatwoot.BaseUrl.ToString(),
            ["Chatwoot:AllowPlainHttp"] = "true",
            ["Chatwoot:BotToken"] = botToken,
            ["Chatwoot:UserToken"] = userToken,
            ["Chatwoot:WebhookSecret"] = "secret",
            ["Http:BaseDelay"] = "00:00:00.010",
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddAssistantChatwoot()
            .BuildServiceProvider();
    }
}
