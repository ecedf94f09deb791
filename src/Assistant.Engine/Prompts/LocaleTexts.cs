using System.Globalization;
using System.Text;
using Assistant.Engine.Hours;

namespace Assistant.Engine.Prompts;

/// <summary>One language's customer-facing texts, looked up by dotted key, with <c>{placeholder}</c> values filled in.</summary>
public sealed class LocaleTexts(string language, IReadOnlyDictionary<string, string> texts)
{
    public string Language { get; } = language;

    public IReadOnlyDictionary<string, string> All { get; } = texts;

    public string this[string key] => Get(key);

    public string Get(string key, params (string Name, object? Value)[] values)
    {
        if (!All.TryGetValue(key, out var template))
        {
            throw new KeyNotFoundException($"The locale '{Language}' has no text '{key}'.");
        }

        if (values.Length == 0)
        {
            return template;
        }

        var result = new StringBuilder(template);
        foreach (var (name, value) in values)
        {
            result.Replace("{" + name + "}", Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    /// <summary>A status word (<c>order_status.shipped</c>), or the raw status when the locale has no word for it.</summary>
    public string Word(string group, string value) => All.TryGetValue($"{group}.{value}", out var word) ? word : value;

    public string Money(decimal amount, string currency) =>
        Get("format.money", ("amount", amount.ToString("0.00", CultureInfo.InvariantCulture)), ("currency", currency));

    public string Date(DateTimeOffset at) => at.ToString(Get("format.date"), CultureInfo.InvariantCulture);

    /// <summary>"tomorrow from 09:00 (UTC+01:00)": when people answer again, in the store's time and this language.</summary>
    public string Opening(AfterHours hours)
    {
        var (now, opening) = (hours.Now, hours.Opening);
        var days = DateOnly.FromDateTime(opening.DateTime).DayNumber - DateOnly.FromDateTime(now.DateTime).DayNumber;
        var offset = opening.Offset;
        var zone = offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
        var culture = CultureInfo.GetCultureInfo(Language);
        return Get(days switch { 0 => "hours.today", 1 => "hours.tomorrow", _ => "hours.later" },
            ("day", culture.DateTimeFormat.GetDayName(opening.DayOfWeek)),
            ("time", opening.ToString("HH:mm", CultureInfo.InvariantCulture)),
            ("zone", zone));
    }

    public string Date(DateOnly at) => at.ToString(Get("format.date"), CultureInfo.InvariantCulture);
}
