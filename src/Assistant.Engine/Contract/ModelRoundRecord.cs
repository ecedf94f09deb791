namespace Assistant.Engine.Contract;

/// <summary>One call to the model in a turn: when, how long, what it cost in tokens, and how it ended.</summary>
/// <param name="Finish"><c>tools: Orders_GetOrder</c> when the model asked for tools, otherwise <c>answer</c>.</param>
public sealed record ModelRoundRecord(DateTimeOffset StartedAt, double Milliseconds, long InputTokens, long OutputTokens, string Finish);
