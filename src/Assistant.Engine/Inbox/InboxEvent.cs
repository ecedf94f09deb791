namespace Assistant.Engine.Inbox;

/// <summary>An event claimed from the inbox for processing.</summary>
public sealed record InboxEvent(
    long Id,
    string Source,
    string DeliveryKey,
    string EventName,
    string OrderingKey,
    string Payload,
    int Attempts,
    DateTimeOffset ReceivedAt,
    string? TraceParent = null);
