namespace Assistant.Engine.Costs;

/// <summary>Which budget kept the model out of a turn (<c>turns.budget</c>, the metric's <c>budget</c> tag).</summary>
public static class BudgetKind
{
    public const string ConversationTokens = "conversation_tokens";
    public const string DailySpend = "daily_spend";

    /// <summary>The first budget <paramref name="usage"/> has reached, if any.</summary>
    public static string? Spent(BudgetUsage usage, BudgetOptions budget) =>
        budget.ConversationTokens is { } tokens && usage.ConversationTokens >= tokens ? ConversationTokens
        : budget.DailySpend is { } spend && usage.SpentToday >= spend ? DailySpend
        : null;
}

/// <summary>What a conversation and the day have used so far.</summary>
public sealed record BudgetUsage(long ConversationTokens, decimal SpentToday);
