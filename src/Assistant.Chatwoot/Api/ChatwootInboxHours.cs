using System.Text.Json;
using Assistant.Transport;

namespace Assistant.Chatwoot.Api;

/// <summary>An inbox's business hours as Chatwoot keeps them (<c>Inbox#weekly_schedule</c>, <c>timezone</c>).</summary>
/// <param name="Enabled"><c>working_hours_enabled</c>: off means the inbox keeps no hours (always open).</param>
/// <param name="TimeZone">An IANA id as Chatwoot's settings page writes it (<c>America/New_York</c>).</param>
public sealed record ChatwootInboxHours(bool Enabled, string? TimeZone, IReadOnlyList<ChatwootWorkingDay> Days)
{
    public static ChatwootInboxHours Parse(JsonElement inbox) => new(
        inbox.Property("working_hours_enabled").Boolean() ?? false,
        inbox.Property("timezone").String(),
        inbox.Property("working_hours") is { ValueKind: JsonValueKind.Array } days
            ? days.EnumerateArray().Select(ChatwootWorkingDay.Parse).OfType<ChatwootWorkingDay>().ToList()
            : []);
}

/// <summary>One row of Chatwoot's <c>working_hours</c>: <c>day_of_week</c> 0 is Sunday, as in Ruby's <c>wday</c>.</summary>
public sealed record ChatwootWorkingDay(DayOfWeek Day, bool ClosedAllDay, bool OpenAllDay, TimeOnly? Open, TimeOnly? Close)
{
    public static ChatwootWorkingDay? Parse(JsonElement row)
    {
        if (row.Property("day_of_week").Int64() is not { } day || day is < 0 or > 6)
        {
            return null;
        }

        return new ChatwootWorkingDay((DayOfWeek)day,
            row.Property("closed_all_day").Boolean() ?? false,
            row.Property("open_all_day").Boolean() ?? false,
            Time(row.Property("open_hour").Int64(), row.Property("open_minutes").Int64()),
            Time(row.Property("close_hour").Int64(), row.Property("close_minutes").Int64()));
    }

    // Chatwoot stores a closing time of 24:00 as hour 23 minute 59 in its UI, but the API admits hour 24.
    private static TimeOnly? Time(long? hour, long? minutes) => hour switch
    {
        null => null,
        >= 24 => TimeOnly.MaxValue,
        _ => new TimeOnly((int)Math.Clamp(hour.Value, 0, 23), (int)Math.Clamp(minutes ?? 0, 0, 59)),
    };
}

/// <summary>An inbox's settings the service acts on: identity validation enforced, CSAT surveys on.</summary>
public sealed record ChatwootInboxFlags(bool HmacMandatory, bool CsatSurveyEnabled);
