namespace Assistant.Operations.Reports;

/// <summary>How the assistant did over a period: what the <c>report</c> verb prints and <c>/admin</c> draws.</summary>
/// <param name="Since">Start of the period (UTC); days are UTC days.</param>
/// <param name="Csat">CSAT ratings given in the period, for conversations the bot resolved and those people resolved.</param>
/// <param name="Actions">Order actions proposed in the period, per day, action and how each ended (or where it waits).</param>
public sealed record Report(
    DateTimeOffset Since, DateTimeOffset Until, ReportTotals Totals, IReadOnlyList<ReportDay> Days, IReadOnlyList<ReasonCount> HandoffReasons, CsatSplit Csat,
    IReadOnlyList<ActionCount> Actions)
{
    public bool IsEmpty => Totals.Conversations == 0;
}

/// <param name="Conversations">Conversations the bot answered at least once in the period.</param>
/// <param name="ResolvedByBot">Conversations the bot resolved and never handed off.</param>
/// <param name="HandedOff">Conversations the bot handed to people.</param>
/// <param name="FirstReply">Seconds from a new conversation's first customer message to the bot's first reply.</param>
/// <param name="ModelFailures">Turns whose model call failed (the offline router or a handoff answered instead).</param>
/// <param name="BudgetTurns">Turns a spent budget kept the model out of.</param>
public sealed record ReportTotals(
    long Conversations,
    long ResolvedByBot,
    long HandedOff,
    long AfterHoursHandoffs,
    Percentiles FirstReply,
    long Tokens,
    decimal Cost,
    long ModelFailures,
    long BudgetTurns)
{
    /// <summary>Tokens per conversation the bot resolved: all tokens spent over the conversations it resolved.</summary>
    public long? TokensPerResolved => ResolvedByBot == 0 ? null : Tokens / ResolvedByBot;

    public decimal? CostPerResolved => ResolvedByBot == 0 ? null : Math.Round(Cost / ResolvedByBot, 6);
}

/// <summary>Latency percentiles in seconds; null when nothing was measured.</summary>
public sealed record Percentiles(double? P50, double? P90, double? P99);

public sealed record ReportDay(DateOnly Day, long Conversations, long ResolvedByBot, long HandedOff, double? FirstReplyP50, double? FirstReplyP90, long Tokens, decimal Cost, long ModelFailures);

public sealed record ReasonCount(string Reason, long Count);

/// <param name="Outcome">The action's state: <c>executed</c>, <c>declined</c>, <c>refused</c>, <c>failed</c>, <c>awaiting_approval</c>, ...</param>
public sealed record ActionCount(DateOnly Day, string Kind, string Outcome, long Count);

/// <summary>CSAT ratings side by side: conversations the bot resolved, and those it handed to people.</summary>
public sealed record CsatSplit(CsatScore ResolvedByBot, CsatScore HandedOff);

/// <param name="Responses">Ratings given.</param>
/// <param name="Average">Mean rating, 1 to 5; null without ratings.</param>
/// <param name="Satisfied">Share of ratings of 4 or 5, as Chatwoot's CSAT report counts it; null without ratings.</param>
public sealed record CsatScore(long Responses, double? Average, double? Satisfied)
{
    public static CsatScore None { get; } = new(0, null, null);
}
