using System.Globalization;

namespace Assistant.Operations.Reports;

/// <summary>A report's length as people write it: <c>7d</c>, <c>24h</c>, <c>2w</c>.</summary>
public static class ReportPeriod
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(7);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static bool TryParse(string? text, out TimeSpan period)
    {
        period = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var value = text.Trim().ToLowerInvariant();
        if (value.Length < 2 || !int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        TimeSpan? parsed = value[^1] switch
        {
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            'w' => TimeSpan.FromDays(7 * count),
            _ => null,
        };
        if (parsed is not { } length || length > Longest)
        {
            return false;
        }

        period = length;
        return true;
    }

    public const string Help = "a number and a unit: h (hours), d (days) or w (weeks), at most a year; for example 7d";
}
