using System.Net;
using System.Text.Json.Nodes;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Routing;

/// <summary>Where handoffs go: teams by reason and language, online agents in turn, the same agent for a returning customer.</summary>
public sealed class HandoffRoutingTests : ConversationTestBase
{
    private const string Refund = """{"reason":"refund","summary":"Wants a refund."}""";

    [Fact]
    public async Task Handoffs_rotate_among_the_teams_online_agents_only()
    {
        // Arrange: 11 and 13 are online, 12 offline, 14 busy.
        TeamMembers(7, (11, "online"), (12, "offline"), (13, "online"), (14, "busy"));
        await StartRoutedAsync();

        // Act
        foreach (var id in new long[] { 42, 43, 44 })
        {
            Chatwoot.AddConversation(1, id);
            OpenAI.ThenToolCall("Handoff_HandOff", Refund).ThenText("Passing you on.");
            await SayAsync(Customer(id, "I want a refund"));
            await SettledTurnsAsync(id);
        }

        // Assert
        Assert.Equal([11L, 13L, 11L], new long[] { 42, 43, 44 }.Select(id => Chatwoot.Conversations[(1, id)].AssigneeId ?? 0));
        Assert.All(new long[] { 42, 43, 44 }, id => Assert.Equal(7, Chatwoot.Conversations[(1, id)].TeamId));
    }

    [Fact]
    public async Task A_route_for_the_reason_and_language_wins_over_the_reason_alone()
    {
        TeamMembers(7, (11, "online"));
        TeamMembers(8, (21, "online"));
        Chatwoot.AddConversation(1, 42);
        Chatwoot.AddConversation(1, 43);
        await StartRoutedAsync(settings =>
        {
            settings["Handoff:Routes:1:Reason"] = "refund";
            settings["Handoff:Routes:1:Language"] = "zh-CN";
            settings["Handoff:Routes:1:TeamId"] = "8";
        });

        OpenAI.ThenToolCall("Handoff_HandOff", Refund).ThenText("好的。");
        await SayAsync(Customer(42, "我要退款，订单1042"));
        await SettledTurnsAsync(42);
        OpenAI.ThenToolCall("Handoff_HandOff", Refund).ThenText("Passing you on.");
        await SayAsync(Customer(43, "I want a refund for order 1042"));
        await SettledTurnsAsync(43);

        Assert.Equal((8L, 21L), (Chatwoot.Conversations[(1, 42)].TeamId!.Value, Chatwoot.Conversations[(1, 42)].AssigneeId!.Value));
        Assert.Equal((7L, 11L), (Chatwoot.Conversations[(1, 43)].TeamId!.Value, Chatwoot.Conversations[(1, 43)].AssigneeId!.Value));
    }

    [Fact]
    public async Task A_returning_customer_gets_the_same_agent_within_the_sticky_hours()
    {
        TeamMembers(7, (11, "online"), (13, "online"));
        Chatwoot.AddConversation(1, 42);
        Chatwoot.AddConversation(1, 43);
        await StartRoutedAsync(settings => settings["Handoff:StickyHours"] = "24");

        OpenAI.ThenToolCall("Handoff_HandOff", Refund).ThenText("Passing you on.");
        await SayAsync(Customer(42, "I want a refund", contactId: 500));
        await SettledTurnsAsync(42);
        OpenAI.ThenToolCall("Handoff_HandOff", Refund).ThenText("Passing you on.");
        await SayAsync(Customer(43, "Me again, about that refund", contactId: 500));
        await SettledTurnsAsync(43);

        Assert.Equal(11, Chatwoot.Conversations[(1, 42)].AssigneeId);
        Assert.Equal(11, Chatwoot.Conversations[(1, 43)].AssigneeId);
    }

    [Fact]
    public async Task An_assignment_chatwoot_refused_is_retried_on_the_next_event()
    {
        // Arrange: Chatwoot refuses agent 11 (not a member of this inbox, say) while 13 is online too.
        TeamMembers(7, (11, "online"), (13, "online"));
        var conversation = Chatwoot.AddConversation(1, 42);
        Chatwoot.Faults = request => request.Path.EndsWith("/assignments", StringComparison.Ordinal)
            && request.Json.TryGetProperty("assignee_id", out var agent) && agent.GetInt64() == 11
            ? new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.UnprocessableEntity, """{"error":"Agent is not a member of this inbox"}"""), AfterRoute: false)
            : null;
        OpenAI.ThenToolCall("Handoff_HandOff", Refund).ThenText("Passing you on.");
        await StartRoutedAsync();
        await SayAsync(Customer(42, "I want a refund"));
        await SettledTurnsAsync();
        Assert.Null(conversation.AssigneeId);
        Assert.Equal("failed", await AssignmentStateAsync());

        // Act: the customer writes again (the conversation is the team's now, so no turn answers).
        await SayAsync(Customer(42, "Hello? Anyone?"));
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(13, conversation.AssigneeId);
        Assert.Equal("assigned", await AssignmentStateAsync());
    }

    [Fact]
    public async Task The_stop_label_keeps_the_bot_silent_on_a_pending_conversation()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        conversation.Labels = ["no-bot"];
        await StartServerAsync(withLlm: true, settings => settings["Handoff:StopLabel"] = "no-bot");

        await SayAsync(Customer(42, "Where is order 1042?"));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["not_owner"], turns);
        Assert.Empty(Posted());
        Assert.Empty(OpenAI.Completions);
    }

    [Fact]
    public async Task Choosing_online_agents_without_a_user_token_stops_start_up_naming_both_settings()
    {
        var settings = DefaultSettings();
        settings["Handoff:AssignAvailableAgent"] = "true";
        settings["Chatwoot:UserToken"] = null;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartServerAsync(settings));

        Assert.Contains("Handoff__AssignAvailableAgent", error.Message);
        Assert.Contains("Chatwoot__UserToken", error.Message);
    }

    private Task StartRoutedAsync(Action<Dictionary<string, string?>>? configure = null) => StartServerAsync(withLlm: true, settings =>
    {
        settings["Handoff:TeamId"] = null;
        settings["Handoff:AssignAvailableAgent"] = "true";
        settings["Handoff:Routes:0:Reason"] = "refund";
        settings["Handoff:Routes:0:TeamId"] = "7";
        configure?.Invoke(settings);
    });

    private void TeamMembers(long team, params (long Id, string Availability)[] agents) =>
        Chatwoot.On("GET", $"/api/v1/accounts/1/teams/{team}/team_members", request => FakeChatwoot.Authorized(request, () => FakeResponse.Json(
            new JsonArray([.. agents.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = $"Agent {a.Id}", ["availability_status"] = a.Availability })]).ToJsonString()),
            userOnly: true));

    private static Builders.MessageWebhookBuilder Customer(long conversationId, string text, long contactId = 0) =>
        new Builders.MessageWebhookBuilder(conversationId).WithContent(text)
            .WithConversation(c => c.WithContact(contactId == 0 ? 600 + conversationId : contactId, "Jane Doe", email: "jane@example.com", identifier: "cus_jane").WithHmacVerified());

    private async Task<string?> AssignmentStateAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return await connection.QuerySingleOrDefaultAsync<string>("SELECT state FROM handoff_assignments WHERE conversation_id = 42");
    }
}
