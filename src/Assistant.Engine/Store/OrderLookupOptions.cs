using System.ComponentModel.DataAnnotations;

namespace Assistant.Engine.Store;

/// <summary>Limits on order look-ups that find nothing the customer may read (<c>Orders__*</c>).</summary>
public sealed class OrderLookupOptions
{
    public const string SectionName = "Orders";

    /// <summary>Misses a conversation may have within <see cref="MissWindow"/>; past it, look-ups are refused unread and the conversation handed off once.</summary>
    [Range(1, 1000)]
    public int MaxMissesPerConversation { get; set; } = 5;

    /// <summary>Misses one Chatwoot contact may have within <see cref="MissWindow"/>, across their conversations.</summary>
    [Range(1, 10_000)]
    public int MaxMissesPerContact { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MissWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest one query of the order, customer and product tables may run: then it is cancelled on the server
    /// (Npgsql's command timeout sends PostgreSQL a cancel request) and the turn fails over like any outage. Whole seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
