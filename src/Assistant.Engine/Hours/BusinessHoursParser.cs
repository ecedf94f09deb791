using System.Globalization;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Configuration;

namespace Assistant.Engine.Hours;

/// <summary>Working hours from configuration or from Chatwoot's inbox settings.</summary>
internal static class BusinessHoursParser
{
    /// <summary>The configured hours; a malformed day or zone throws naming the setting, so start-up stops on it.</summary>
    public static WorkingHours FromOptions(BusinessHoursOptions options)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone))
        {
            throw new ConfigurationException($"BusinessHours__TimeZone '{options.TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Berlin).");
        }

        var days = new Dictionary<DayOfWeek, OpenSpan>();
        foreach (var (name, value) in options.Days)
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || int.TryParse(name, out _))
            {
                throw new ConfigurationException($"BusinessHours__Days__{name} is not a weekday (Monday … Sunday).");
            }

            if (Span(value) is { } span)
            {
                days[day] = span;
            }
            else if (!value.Trim().Equals("closed", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigurationException($"BusinessHours__Days__{name} must be HH:mm-HH:mm, all-day or closed.");
            }
        }

        return new WorkingHours(zone, days);
    }

    /// <summary>The inbox's hours, or null when it keeps none or names a zone this machine does not know.</summary>
    public static WorkingHours? FromChatwoot(ChatwootInboxHours inbox)
    {
        if (!inbox.Enabled || !TimeZoneInfo.TryFindSystemTimeZoneById(inbox.TimeZone ?? "UTC", out var zone))
        {
            return null;
        }

        var days = new Dictionary<DayOfWeek, OpenSpan>();
        foreach (var row in inbox.Days.Where(d => !d.ClosedAllDay))
        {
            if (row.OpenAllDay)
            {
                days[row.Day] = OpenSpan.AllDay;
            }
            else if (row is { Open: { } open, Close: { } close } && close > open)
            {
                days[row.Day] = new OpenSpan(open, close);
            }
        }

        return new WorkingHours(zone, days);
    }

    private static OpenSpan? Span(string value)
    {
        var text = value.Trim();
        if (text.Equals("all-day", StringComparison.OrdinalIgnoreCase))
        {
            return OpenSpan.AllDay;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && Time(parts[0]) is { } open && Time(parts[1]) is { } close && close > open)
        {
            return new OpenSpan(open, close);
        }

        return null;
    }

    private static TimeOnly? Time(string text) =>
        text is "24:00" ? TimeOnly.MaxValue
        : TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : null;
}
