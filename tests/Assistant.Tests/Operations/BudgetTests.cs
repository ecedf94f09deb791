using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Operations;

/// <summary>What turns cost, and what happens when a budget is spent: the model is kept out, never silently.</summary>
public sealed class BudgetTests : ConversationTestBase
{
    [Fact]
    public async Task A_turn_records_its_model_and_its_cost_at_the_configured_prices()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042"}""").ThenText("On its way.");
        await StartServerAsync(withLlm: true, Priced);

        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();

        var (model, cost) = await CostAsync(42);
        Assert.Equal("gpt-test", model);
        Assert.Equal(0.000054m, cost);
    }

    [Fact]
    public async Task A_turn_whose_model_fails_midway_still_counts_the_tokens_it_spent()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""").ThenStatus(System.Net.HttpStatusCode.ServiceUnavailable);
        await StartServerAsync(withLlm: true, Priced);

        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();

        var record = await Database.TurnRecordAsync(42);
        Assert.Equal(("offline", 120, 15), (record.Mode, record.PromptTokens, record.CompletionTokens));
        var (model, cost) = await CostAsync(42);
        Assert.Equal("gpt-test", model);
        Assert.Equal(0.000027m, cost);
    }

    [Fact]
    public async Task Spent_conversation_budget_answers_through_the_offline_router_without_asking_the_model()
    {
        // Arrange: the first turn uses 270 tokens of a 200-token budget.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042"}""").ThenText("On its way.");
        await StartServerAsync(withLlm: true, settings => settings["Budget:ConversationTokens"] = "200");
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();

        // Act
        await SayAsync(VerifiedJane("And where is order 1042 now?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered", "answered"], turns);
        Assert.Equal(2, OpenAI.Completions.Count);
        Assert.Contains("1042", Posted()[^1].GetRawText());
        var record = await Database.TurnRecordAsync(42);
        Assert.Equal("offline", record.Mode);
        Assert.Equal("conversation_tokens", await BudgetAsync(42));
        Assert.Contains(Server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("Budget=conversation_tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spent_daily_budget_hands_off_when_so_configured_and_other_conversations_too()
    {
        // Arrange: one turn costs 0.000027, more than the day's 0.00002.
        Chatwoot.AddConversation(1, 42);
        var other = Chatwoot.AddConversation(1, 43);
        OpenAI.ThenText("Hello Jane!");
        await StartServerAsync(withLlm: true, settings =>
        {
            Priced(settings);
            settings["Budget:DailySpend"] = "0.00002";
            settings["Budget:WhenSpent"] = "handoff";
        });
        OpenAI.ThenText("Hello again!");
        await SayAsync(VerifiedJane("Hello"));
        await SettledTurnsAsync();

        // Act
        await SayAsync(VerifiedJane("Where is order 1042?", conversationId: 43));
        var turns = await SettledTurnsAsync(43);

        // Assert
        Assert.Equal(["handed_off"], turns);
        Assert.Single(OpenAI.Completions);
        Assert.Contains("handoff:budget_spent", other.Labels);
        Assert.Equal("open", other.Status);
        Assert.Contains("daily spend budget is spent", Posted(43)[0].GetProperty("content").GetString());
        Assert.Equal("daily_spend", await BudgetAsync(43));
    }

    [Fact]
    public async Task Spent_contact_budget_keeps_the_model_out_of_that_contacts_conversations_only()
    {
        // Arrange: Jane's first turn uses 135 tokens of her 100 for the day.
        Chatwoot.AddConversation(1, 42);
        Chatwoot.AddConversation(1, 43);
        Chatwoot.AddConversation(1, 44);
        OpenAI.ThenText("Hello Jane!");
        await StartServerAsync(withLlm: true, settings => settings["Budget:ContactDailyTokens"] = "100");
        await SayAsync(VerifiedJane("Hello"));
        await SettledTurnsAsync();

        // Act: Jane opens another conversation; another visitor writes too.
        await SayAsync(VerifiedJane("Where is order 1042?", conversationId: 43));
        await SettledTurnsAsync(43);
        await SayAsync(Visitor("Hello", conversationId: 44));
        await SettledTurnsAsync(44);

        // Assert
        Assert.Equal(2, OpenAI.Completions.Count);
        Assert.Equal("contact_daily_tokens", await BudgetAsync(43));
        Assert.Null(await BudgetAsync(44));
    }

    [Fact]
    public async Task A_spent_budget_leads_to_the_offline_router_with_the_same_stored_lookup_limits()
    {
        // Arrange: a model turn spends the conversation's budget on a miss that reaches the look-up limit.
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"9001","email":"jane@example.com"}""").ThenText("I couldn't find it.");
        await StartServerAsync(withLlm: true, settings =>
        {
            settings["Budget:ConversationTokens"] = "100";
            settings["Orders:MaxMissesPerConversation"] = "1";
        });
        await SayAsync(Visitor("Where is order 9001? My email is jane@example.com"));
        await SettledTurnsAsync();

        // Act: without the model, the offline router looks up the next number.
        await SayAsync(Visitor("Then where is order 1042? My email is jane@example.com"));
        await SettledTurnsAsync();

        // Assert: refused unread, and handed off, as with the model.
        Assert.Equal("conversation_tokens", await BudgetAsync(42));
        Assert.DoesNotContain(Posted(), m => m.GetProperty("content").GetString()!.Contains("Order #1042", StringComparison.Ordinal));
        Assert.Contains("handoff:lookup_limit", conversation.Labels);
    }

    [Fact]
    public async Task Unknown_budget_time_zone_stops_start_up_naming_the_setting()
    {
        var settings = DefaultSettings();
        settings["Budget:DayTimeZone"] = "Mars/Olympus";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartServerAsync(settings));

        Assert.Contains("Budget__DayTimeZone", error.Message);
    }

    [Fact]
    public async Task Empty_settings_as_the_compose_file_passes_them_mean_no_budget_no_hours_and_no_admin_page()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, settings =>
        {
            foreach (var name in new[]
            {
                "Budget:ConversationTokens", "Budget:DailySpend", "BusinessHours:Source", "Admin:Token", "OTEL_EXPORTER_OTLP_ENDPOINT",
                "Budget:ContactDailyTokens", "Store:IdentitySecret", "Store:LinkDomains", "Chatwoot:TrustHmac", "Http:TrustedProxies",
            })
            {
                settings[name] = string.Empty;
            }

            settings["Llm:InputPricePerMillion"] = "0";
        });

        await SayAsync(VerifiedJane("Where is order 1042?"));

        Assert.Equal(["answered"], await SettledTurnsAsync());
        Assert.Null(await BudgetAsync(42));
    }

    private static void Priced(Dictionary<string, string?> settings)
    {
        settings["Llm:InputPricePerMillion"] = "0.15";
        settings["Llm:OutputPricePerMillion"] = "0.60";
    }

    private async Task<(string? Model, decimal Cost)> CostAsync(long conversationId)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return await connection.QuerySingleAsync<(string?, decimal)>(
            "SELECT model, cost FROM turns WHERE conversation_id = @conversationId ORDER BY id DESC LIMIT 1", new { conversationId });
    }

    private async Task<string?> BudgetAsync(long conversationId)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return await connection.QuerySingleAsync<string?>(
            "SELECT budget FROM turns WHERE conversation_id = @conversationId ORDER BY id DESC LIMIT 1", new { conversationId });
    }
}
