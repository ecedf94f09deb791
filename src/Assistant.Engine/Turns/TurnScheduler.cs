using System.Text.Json;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// Puts a debounced turn into the inbox for each customer input, in the same transaction that records the input.
/// Turns of one conversation run one at a time (their own ordering key), apart from its webhook events, so a message
/// arriving during the debounce window is recorded at once and answered by the same turn.
/// </summary>
public sealed class TurnScheduler(IOptionsMonitor<AssistantOptions> options, TimeProvider clock)
{
    public const string Source = "turn";
    public const string EventName = "turn_due";

    /// <summary>Adds the turn for the input <paramref name="inputId"/> to the batch that records the input.</summary>
    public void Schedule(SqlBatch batch, long accountId, long conversationId, long inputId)
    {
        var payload = JsonSerializer.Serialize(new TurnDue(accountId, conversationId, inputId), TurnJsonContext.Default.TurnDue);
        var due = clock.GetUtcNow().AddMilliseconds(options.CurrentValue.DebounceMs);
        InboxRepository.AddTryAdd(batch, [new NewInboxEvent(Source, $"turn:{accountId}:{conversationId}:{inputId}", EventName,
            "turn:" + ChatwootEnvelope.ConversationKey(accountId, conversationId), payload, due)]);
    }
}

/// <summary>The payload of a scheduled turn: which customer input it was scheduled for.</summary>
public sealed record TurnDue(long AccountId, long ConversationId, long InputId);
