using System.Globalization;
using System.Text.Json;

namespace Assistant.Transport;

/// <summary>
/// Tolerant readers for Chatwoot's payloads, which send the same field as a string in one place and a number in
/// another, times as ISO strings or epoch numbers, and omit or null fields freely.
/// </summary>
public static class JsonValues
{
    /// <summary>The last second DateTimeOffset can hold (9999-12-31T23:59:59Z); anything later is nonsense, not a time.</summary>
    private const double MaxEpochSeconds = 253_402_300_799;

    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static JsonElement? Path(this JsonElement element, params string[] names)
    {
        JsonElement? current = element;
        foreach (var name in names)
        {
            current = current?.Property(name);
        }

        return current;
    }

    public static string? String(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static long? Int64(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= long.MinValue and < long.MaxValue => (long)d,
        { ValueKind: JsonValueKind.String } e when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static double? Double(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? Boolean(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>ISO-8601 text, epoch seconds (integer or fractional, as number or text); 0 means absent, as in Chatwoot.</summary>
    public static DateTimeOffset? Time(this JsonElement? element)
    {
        if (element?.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        return element.Double() switch
        {
            null or <= 0 or > MaxEpochSeconds => null,
            var seconds => DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds.Value * 1000)),
        };
    }

    public static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    public static JsonElement ObjectOrEmpty(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } value ? value.Clone() : EmptyObject();
}
