using System.Text.Json;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// Puts a debounced turn into the inbox for each customer input, in the same transaction that records the input.
/// Turns of one conversation run one at a time (their own ordering key), apart from its webhook events, so a message
/// arriving during the debounce window is recorded at once and answered by the same turn.
/// </summary>
internal sealed class TurnScheduler(IOptionsMonitor<AssistantOptions> options, TimeProvider clock)
{
    public const string Source = "turn";
    public const string EventName = "turn_due";

    /// <summary>
    /// Adds the turn for the input <paramref name="inputId"/> to the batch that records the input, and, with
    /// <c>Assistant__SilenceLimit</c>, the watchdog's check that it was answered in time.
    /// </summary>
    public void Schedule(SqlBatch batch, long accountId, long conversationId, long inputId)
    {
        var settings = options.CurrentValue;
        var payload = JsonSerializer.Serialize(new TurnDue(accountId, conversationId, inputId), TurnJsonContext.Default.TurnDue);
        var now = clock.GetUtcNow();
        List<NewInboxEvent> events = [new NewInboxEvent(Source, $"turn:{accountId}:{conversationId}:{inputId}", EventName,
            "turn:" + ChatwootEnvelope.ConversationKey(accountId, conversationId), payload, now.AddMilliseconds(settings.DebounceMs))];
        if (settings.SilenceLimit is { } limit)
        {
            events.Add(Lifecycle.LifecycleTimers.Timer(accountId, conversationId, inputId, Lifecycle.LifecycleTimers.Silence, now + limit));
        }

        InboxRepository.AddTryAdd(batch, events);
    }
}

internal static class DecisionSchedule
{
    /// <summary>
    /// The turn that carries out (or drops) the order action a person just approved or rejected with a label, in the
    /// batch that records the label. Runs in the conversation's turn order, after any turn still in progress.
    /// </summary>
    public static void Add(SqlBatch batch, ConversationState before, ConversationState after, Actions.ActionOptions settings, DateTimeOffset now)
    {
        var purpose = after.HasLabel(settings.ApproveLabel) && !before.HasLabel(settings.ApproveLabel) ? TurnPurpose.Approve
            : after.HasLabel(settings.RejectLabel) && !before.HasLabel(settings.RejectLabel) ? TurnPurpose.Reject
            : null;
        if (purpose is null)
        {
            return;
        }

        var (accountId, conversationId) = (after.AccountId, after.ConversationId);
        var payload = JsonSerializer.Serialize(new TurnDue(accountId, conversationId, 0, purpose), TurnJsonContext.Default.TurnDue);
        InboxRepository.AddTryAdd(batch, [new NewInboxEvent(TurnScheduler.Source, $"turn:{accountId}:{conversationId}:{purpose}:{after.SourceUpdatedAt}",
            TurnScheduler.EventName, "turn:" + ChatwootEnvelope.ConversationKey(accountId, conversationId), payload, now)]);
    }
}

/// <summary>The payload of a scheduled turn: which customer input it was scheduled for, and what for.</summary>
/// <param name="Purpose">A <see cref="TurnPurpose"/>, or <c>silence</c> for the watchdog's check; answering when absent.</param>
public sealed record TurnDue(long AccountId, long ConversationId, long InputId, string Purpose = TurnPurpose.Answer);
