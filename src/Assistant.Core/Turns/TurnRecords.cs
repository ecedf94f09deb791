namespace Assistant.Core.Turns;

/// <summary>A customer input not yet answered by any turn.</summary>
public sealed record PendingInput(long Id, long MessageId, string Kind, string? Content, DateTimeOffset RecordedAt);

public sealed record TurnRecord(long Id, string State, long LastInputId, long? InReplyTo);

public sealed record StoredAction(int Seq, string State, PlannedAction Action, DateTimeOffset? AttemptedAt);
