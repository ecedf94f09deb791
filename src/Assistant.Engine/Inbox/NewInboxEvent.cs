using System.Diagnostics;

namespace Assistant.Engine.Inbox;

/// <summary>A verified webhook about to be stored.</summary>
/// <param name="Source">Who sent it: <c>chatwoot</c> or <c>zendesk</c>.</param>
/// <param name="DeliveryKey">The sender's delivery id, or a key derived from the payload; unique per source.</param>
/// <param name="EventName">The sender's event name.</param>
/// <param name="OrderingKey">Events with the same key are processed one at a time, in arrival order.</param>
/// <param name="Payload">The raw JSON body.</param>
/// <param name="NotBefore">When set, the event waits until then (a debounced turn).</param>
public sealed record NewInboxEvent(string Source, string DeliveryKey, string EventName, string OrderingKey, string Payload, DateTimeOffset? NotBefore = null)
{
    /// <summary>The trace of whatever stored the event (W3C traceparent), continued when it is processed.</summary>
    public string? TraceParent { get; init; } = Activity.Current?.Id;
}
