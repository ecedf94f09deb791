namespace Assistant.Engine.Contract;

/// <summary>One tool call of a turn as the model made it: what it asked, what it got back, how long it took.</summary>
public sealed record ToolCallRecord(DateTimeOffset StartedAt, string Name, string Arguments, string Result, double Milliseconds);
