using System.Text.Json;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Inbox;
using Assistant.Engine.Turns;

namespace Assistant.Engine.Lifecycle;

/// <summary>
/// The conversation's clocks, kept in the inbox as events due later: a follow-up and a resolve after the bot's
/// answer, and the watchdog's check after a customer message. Each timer is its own ordering key, so a timer waiting
/// hours never holds up a turn or another timer; when one falls due, the work that speaks to the customer is queued
/// as a turn, one at a time with the conversation's other turns.
/// </summary>
internal static class LifecycleTimers
{
    public const string Source = "timer";
    public const string EventName = "timer_due";

    /// <summary>The watchdog's purpose: was the customer's message answered in time?</summary>
    public const string Silence = "silence";

    public static NewInboxEvent Timer(long accountId, long conversationId, long inputId, string purpose, DateTimeOffset due)
    {
        var key = $"timer:{purpose}:{ChatwootEnvelope.ConversationKey(accountId, conversationId)}:{inputId}";
        return new NewInboxEvent(Source, key, EventName, key, Payload(accountId, conversationId, inputId, purpose), due);
    }

    /// <summary>The turn a due follow-up or resolve timer queues: now, behind the conversation's other turns.</summary>
    public static NewInboxEvent TurnFor(TurnDue due) => new(
        TurnScheduler.Source, $"turn:{due.AccountId}:{due.ConversationId}:{due.InputId}:{due.Purpose}", TurnScheduler.EventName,
        "turn:" + ChatwootEnvelope.ConversationKey(due.AccountId, due.ConversationId),
        Payload(due.AccountId, due.ConversationId, due.InputId, due.Purpose));

    private static string Payload(long accountId, long conversationId, long inputId, string purpose) =>
        JsonSerializer.Serialize(new TurnDue(accountId, conversationId, inputId, purpose), TurnJsonContext.Default.TurnDue);
}
