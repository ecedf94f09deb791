namespace Assistant.Engine.Contract;

/// <summary>Writes the one follow-up on a question the customer left unanswered; the agent does it with the model.</summary>
public interface IFollowUpWriter
{
    /// <returns>The follow-up (null when none could be written: the service then uses the locale's) and what writing it cost.</returns>
    Task<(string? Text, TurnMetrics Metrics)> WriteAsync(TurnContext turn, IReadOnlyList<Conversations.TranscriptEntry> history, CancellationToken cancellationToken);
}
