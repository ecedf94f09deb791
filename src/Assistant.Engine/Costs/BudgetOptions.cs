using System.ComponentModel.DataAnnotations;

namespace Assistant.Engine.Costs;

/// <summary>Limits on what the model may spend; when one is spent, turns go on without the model (<see cref="WhenSpent"/>).</summary>
public sealed class BudgetOptions
{
    public const string SectionName = "Budget";

    /// <summary>Model tokens (input and output) one conversation may use in all; unset means no limit.</summary>
    [Range(1, int.MaxValue)]
    public int? ConversationTokens { get; set; }

    /// <summary>What all conversations together may spend per day, at <c>Llm__*PricePerMillion</c>; unset means no limit.</summary>
    [Range(typeof(decimal), "0.000001", "1000000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal? DailySpend { get; set; }

    /// <summary>
    /// Model tokens one Chatwoot contact may use per day across all their conversations; unset means no limit. Keeps
    /// one person (opening conversation after conversation) from spending <see cref="DailySpend"/> for everyone.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? ContactDailyTokens { get; set; }

    /// <summary>The time zone whose midnight starts a budget day (IANA id); UTC when unset.</summary>
    public string? DayTimeZone { get; set; }

    /// <summary>
    /// <c>offline</c>: the offline router answers what it can and hands off the rest; <c>handoff</c>: every turn goes to
    /// a person.
    /// </summary>
    [RegularExpression("^(offline|handoff)$", ErrorMessage = "Budget:WhenSpent must be 'offline' or 'handoff'.")]
    public string WhenSpent { get; set; } = "offline";

    public bool Limits => ConversationTokens is not null || DailySpend is not null || ContactDailyTokens is not null;
}
