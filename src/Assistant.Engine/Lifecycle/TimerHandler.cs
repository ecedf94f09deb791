using System.Text.Json;
using Assistant.Engine.Inbox;
using Assistant.Engine.Turns;

namespace Assistant.Engine.Lifecycle;

/// <summary>A due timer (<see cref="LifecycleTimers"/>): the watchdog checks at once; a follow-up or resolve is queued as a turn.</summary>
internal sealed class TimerHandler(InboxRepository inbox, InboxSignal signal, SilenceWatchdog watchdog) : IInboxEventHandler
{
    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        var due = JsonSerializer.Deserialize(inboxEvent.Payload, TurnJsonContext.Default.TurnDue)
            ?? throw new UnprocessableEventException("A timer event has no payload.");
        if (due.Purpose == LifecycleTimers.Silence)
        {
            await watchdog.CheckAsync(due, cancellationToken);
            return;
        }

        if (await inbox.TryAddAsync(LifecycleTimers.TurnFor(due), cancellationToken))
        {
            signal.Notify();
        }
    }
}
