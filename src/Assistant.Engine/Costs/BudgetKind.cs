namespace Assistant.Engine.Costs;

/// <summary>Which budget kept the model out of a turn (<c>turns.budget</c>, the metric's <c>budget</c> tag).</summary>
internal static class BudgetKind
{
    public const string ConversationTokens = "conversation_tokens";
    public const string DailySpend = "daily_spend";
    public const string ContactDailyTokens = "contact_daily_tokens";

    /// <summary>The first budget <paramref name="usage"/> has reached, if any.</summary>
    public static string? Spent(BudgetUsage usage, BudgetOptions budget) =>
        budget.ConversationTokens is { } tokens && usage.ConversationTokens >= tokens ? ConversationTokens
        : budget.ContactDailyTokens is { } contactTokens && usage.ContactTokensToday >= contactTokens ? ContactDailyTokens
        : budget.DailySpend is { } spend && usage.SpentToday >= spend ? DailySpend
        : null;
}

/// <summary>What a conversation, its contact today and everyone today have used so far.</summary>
internal sealed record BudgetUsage(long ConversationTokens, decimal SpentToday, long ContactTokensToday = 0);
