namespace Assistant.Core.Conversations;

/// <summary>Told after a customer's message or widget submission is safely in the transcript (the turn scheduler listens).</summary>
public interface ICustomerInputListener
{
    Task CustomerInputRecordedAsync(TranscriptEntry input, CancellationToken cancellationToken);
}
