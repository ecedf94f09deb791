namespace Assistant.Core.Inbox;

/// <summary>Processes the stored events of one source. Throwing schedules a retry; the handler must be idempotent.</summary>
public interface IInboxEventHandler
{
    string Source { get; }

    Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken);
}
