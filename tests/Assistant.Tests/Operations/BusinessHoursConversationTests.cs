using System.Net;
using System.Text.Json.Nodes;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Operations;

/// <summary>A handoff outside business hours tells the customer when people answer, and the team's note says so.</summary>
public sealed class BusinessHoursConversationTests : ConversationTestBase
{
    [Fact]
    public async Task Handoff_outside_configured_hours_tells_the_customer_when_and_the_note_says_they_were_told()
    {
        // Arrange: open only on the weekday two days from now, so it is closed now whatever the time.
        var conversation = Chatwoot.AddConversation(1, 42);
        var openDay = DateTimeOffset.UtcNow.AddDays(2).DayOfWeek;
        OpenAI.ThenToolCall("Handoff_HandOff", """{"reason":"refund","summary":"Wants a refund."}""").ThenText("A colleague will help.");
        await StartServerAsync(withLlm: true, settings =>
        {
            settings["BusinessHours:Source"] = "config";
            settings["BusinessHours:TimeZone"] = "UTC";
            settings[$"BusinessHours:Days:{openDay}"] = "09:00-17:00";
        });

        // Act
        await SayAsync(VerifiedJane("I want a refund for order 1042"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["handed_off"], turns);
        var posted = Posted();
        Assert.Contains("Outside business hours: the customer was told the team replies ", posted[0].GetProperty("content").GetString());
        Assert.Equal($"I've passed your conversation to our team. They're away right now and will reply here on {openDay} from 09:00 (UTC).",
            posted[^1].GetProperty("content").GetString());
        Assert.Equal("open", conversation.Status);
        Assert.True(await AfterHoursAsync());
    }

    [Fact]
    public async Task Hours_from_the_chatwoot_inbox_are_said_in_the_customers_language_and_its_secrets_stay_unread()
    {
        // Arrange: the inbox opens on the day three days from now, Saigon time; its settings carry an SMTP password.
        Chatwoot.AddConversation(1, 42);
        var saigon = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var openDay = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, saigon).AddDays(3).DayOfWeek;
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", request => FakeChatwoot.Authorized(request, () => FakeResponse.Json(Inbox(openDay)), userOnly: true));
        OpenAI.ThenToolCall("Handoff_HandOff", """{"reason":"customer_request","summary":"Wants a person."}""").ThenText("Vâng.");
        await StartServerAsync(withLlm: true, settings => settings["BusinessHours:Source"] = "chatwoot");

        // Act
        await SayAsync(VerifiedJane("Cho tôi nói chuyện với nhân viên được không?"));
        await SettledTurnsAsync();

        // Assert
        var dayName = new System.Globalization.CultureInfo("vi").DateTimeFormat.GetDayName(openDay);
        Assert.EndsWith($"sẽ trả lời bạn tại đây từ 08:30 {dayName} (UTC+07:00).", Posted()[^1].GetProperty("content").GetString());
        Assert.DoesNotContain(Server.Logs.Entries, e => e.Text.Contains(KnownSecrets.InboxSmtpPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_inbox_hours_never_hold_up_the_handoff()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", FakeResponse.Error(HttpStatusCode.InternalServerError));
        OpenAI.ThenToolCall("Handoff_HandOff", """{"reason":"refund","summary":"Wants a refund."}""").ThenText("A colleague will help.");
        await StartServerAsync(withLlm: true, settings => settings["BusinessHours:Source"] = "chatwoot");

        await SayAsync(VerifiedJane("I want a refund for order 1042"));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["handed_off"], turns);
        Assert.Equal("I've passed your conversation to our team. Someone will reply here as soon as possible.", Posted()[^1].GetProperty("content").GetString());
        Assert.Equal("open", conversation.Status);
    }

    [Fact]
    public async Task Chatwoot_hours_without_a_user_token_stop_start_up_naming_both_settings()
    {
        var settings = DefaultSettings();
        settings["BusinessHours:Source"] = "chatwoot";
        settings["Chatwoot:UserToken"] = null;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartServerAsync(settings));

        Assert.Contains("BusinessHours__Source", error.Message);
        Assert.Contains("Chatwoot__UserToken", error.Message);
    }

    private static string Inbox(DayOfWeek openDay) => new JsonObject
    {
        ["id"] = 3,
        ["name"] = "Website",
        ["working_hours_enabled"] = true,
        ["timezone"] = "Asia/Ho_Chi_Minh",
        ["smtp_password"] = KnownSecrets.InboxSmtpPassword,
        ["working_hours"] = new JsonArray([.. Enumerable.Range(0, 7).Select(day => (JsonNode)new JsonObject
        {
            ["day_of_week"] = day,
            ["closed_all_day"] = day != (int)openDay,
            ["open_all_day"] = false,
            ["open_hour"] = 8,
            ["open_minutes"] = 30,
            ["close_hour"] = 17,
            ["close_minutes"] = 0,
        })]),
    }.ToJsonString();

    private async Task<bool> AfterHoursAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return await connection.QuerySingleAsync<bool>("SELECT after_hours FROM turns WHERE conversation_id = 42 ORDER BY id DESC LIMIT 1");
    }
}
