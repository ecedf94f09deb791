using Assistant.Chatwoot.Api;
using Assistant.Engine.Configuration;
using Assistant.Engine.Hours;
using Assistant.Engine.Prompts;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Operations;

/// <summary>When people answer again, from configured or Chatwoot hours, and how the customer is told.</summary>
public sealed class WorkingHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly WorkingHours Weekdays = BusinessHoursParser.FromOptions(new BusinessHoursOptions
    {
        TimeZone = "Europe/Berlin",
        Days = new(StringComparer.OrdinalIgnoreCase) { ["Monday"] = "09:00-17:00", ["Friday"] = "09:00-13:30", ["Saturday"] = "closed" },
    });

    [Fact]
    public void Open_hours_promise_nothing()
    {
        var mondayNoon = At(2026, 12, 7, 12, 0);

        Assert.Null(Weekdays.NextOpening(mondayNoon));
    }

    [Fact]
    public void Before_opening_the_same_day_opens_later_that_day()
    {
        var mondayEarly = At(2026, 12, 7, 7, 15);

        Assert.Equal(At(2026, 12, 7, 9, 0), Weekdays.NextOpening(mondayEarly));
    }

    [Fact]
    public void After_closing_on_friday_the_next_opening_is_monday_in_the_stores_zone()
    {
        var fridayAfternoon = At(2026, 12, 11, 13, 30);

        var opening = Weekdays.NextOpening(fridayAfternoon);

        Assert.Equal(At(2026, 12, 14, 9, 0), opening);
        Assert.Equal(TimeSpan.FromHours(1), opening!.Value.Offset);
    }

    [Fact]
    public void Hours_that_never_open_promise_nothing()
    {
        var closed = new WorkingHours(Berlin, new Dictionary<DayOfWeek, OpenSpan>());

        Assert.Null(closed.NextOpening(At(2026, 12, 7, 12, 0)));
    }

    [Theory]
    [InlineData("Moonday", "09:00-17:00", "BusinessHours__Days__Moonday")]
    [InlineData("Monday", "9-5", "BusinessHours__Days__Monday")]
    [InlineData("Monday", "17:00-09:00", "BusinessHours__Days__Monday")]
    public void Malformed_configured_hours_name_the_setting(string day, string value, string setting)
    {
        var options = new BusinessHoursOptions { Days = new(StringComparer.OrdinalIgnoreCase) { [day] = value } };

        var error = Assert.Throws<ConfigurationException>(() => BusinessHoursParser.FromOptions(options));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Chatwoot_hours_count_day_zero_as_sunday_and_honour_open_and_closed_all_day()
    {
        var inbox = ChatwootInboxHours.Parse(System.Text.Json.JsonDocument.Parse("""
            {"working_hours_enabled": true, "timezone": "Asia/Ho_Chi_Minh", "smtp_password": "x",
             "working_hours": [
               {"day_of_week": 0, "closed_all_day": false, "open_all_day": true, "open_hour": null, "open_minutes": null, "close_hour": null, "close_minutes": null},
               {"day_of_week": 1, "closed_all_day": false, "open_all_day": false, "open_hour": 8, "open_minutes": 30, "close_hour": 17, "close_minutes": 0},
               {"day_of_week": 2, "closed_all_day": true, "open_all_day": false, "open_hour": 9, "open_minutes": 0, "close_hour": 17, "close_minutes": 0}]}
            """).RootElement);

        var hours = BusinessHoursParser.FromChatwoot(inbox)!;

        var saigon = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var sundayNight = new DateTimeOffset(2026, 12, 6, 23, 0, 0, saigon.BaseUtcOffset);
        Assert.Null(hours.NextOpening(sundayNight));
        var mondayNight = new DateTimeOffset(2026, 12, 7, 18, 0, 0, saigon.BaseUtcOffset);
        Assert.Equal(new DateTimeOffset(2026, 12, 13, 0, 0, 0, saigon.BaseUtcOffset), hours.NextOpening(mondayNight));
    }

    [Fact]
    public void Chatwoot_inbox_without_working_hours_keeps_none()
    {
        var inbox = new ChatwootInboxHours(false, "UTC", []);

        Assert.Null(BusinessHoursParser.FromChatwoot(inbox));
    }

    [Theory]
    [InlineData("en", 7, "today from 09:00 (UTC+01:00)")]
    [InlineData("en", 8, "tomorrow from 09:00 (UTC+01:00)")]
    [InlineData("en", 10, "on Thursday from 09:00 (UTC+01:00)")]
    [InlineData("zh-CN", 10, "星期四 09:00（UTC+01:00）起")]
    [InlineData("vi", 8, "từ 09:00 ngày mai (UTC+01:00)")]
    public void Opening_is_said_in_the_customers_language_relative_to_the_stores_day(string language, int openingDay, string expected)
    {
        var texts = LocaleCatalog.Load(Path.Combine(RepositoryPaths.Prompts, "locales")).For(language);

        var said = texts.Opening(new AfterHours(At(2026, 12, 7, 7, 0), At(2026, 12, openingDay, 9, 0)));

        Assert.Equal(expected, said);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, Berlin.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified)));
}
