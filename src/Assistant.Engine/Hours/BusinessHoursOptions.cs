namespace Assistant.Engine.Hours;

/// <summary>
/// When people answer handoffs. <c>chatwoot</c> reads each inbox's working hours (needs <c>Chatwoot__UserToken</c>);
/// <c>config</c> uses <see cref="TimeZone"/> and one <c>HH:mm-HH:mm</c> per weekday; <c>none</c> (the default) makes no
/// promise about when.
/// </summary>
internal sealed class BusinessHoursOptions
{
    public const string SectionName = "BusinessHours";

    public string Source { get; set; } = "none";

    /// <summary>IANA id of the hours' time zone, for <c>config</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary><c>Monday=09:00-17:00</c>; a day left out, or <c>closed</c>, is closed; <c>all-day</c> is open throughout.</summary>
    public Dictionary<string, string> Days { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long an inbox's hours read from Chatwoot are kept before they are read again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(10);
}
