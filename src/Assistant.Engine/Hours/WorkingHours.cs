namespace Assistant.Engine.Hours;

/// <summary>When people answer: per weekday, an opening and a closing time in one time zone.</summary>
internal sealed class WorkingHours(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, OpenSpan> days)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The next moment people answer, counted from <paramref name="now"/>; null when they answer now or never do.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        if (IsOpen(local))
        {
            return null;
        }

        for (var offset = 0; offset <= 7; offset++)
        {
            var date = DateOnly.FromDateTime(local.Date).AddDays(offset);
            if (!days.TryGetValue(date.DayOfWeek, out var span))
            {
                continue;
            }

            var opening = date.ToDateTime(span.Open);
            if (opening > local.DateTime)
            {
                return new DateTimeOffset(opening, Zone.GetUtcOffset(opening));
            }
        }

        return null;
    }

    private bool IsOpen(DateTimeOffset local)
    {
        var time = TimeOnly.FromDateTime(local.DateTime);
        return days.TryGetValue(local.DayOfWeek, out var span) && time >= span.Open && (time < span.Close || span.Close == TimeOnly.MaxValue);
    }
}

/// <summary>The hours of one day; <see cref="TimeOnly.MaxValue"/> closes at midnight.</summary>
internal readonly record struct OpenSpan(TimeOnly Open, TimeOnly Close)
{
    public static readonly OpenSpan AllDay = new(TimeOnly.MinValue, TimeOnly.MaxValue);
}
