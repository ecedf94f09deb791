namespace Assistant.Engine.Inbox;

/// <summary>An inbox row as operators and tests see it.</summary>
public sealed record InboxEventStatus(
    long Id,
    string Source,
    string EventName,
    string OrderingKey,
    string State,
    int Attempts,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? FinishedAt,
    string? LastError);
