using Assistant.Engine.Conversations;

namespace Assistant.Engine.Contract;

/// <summary>Answers without a model (offline mode, and when the model fails): what it cannot answer it leaves alone.</summary>
public interface IFallbackResponder
{
    /// <returns><c>true</c> when the plan now answers the customer.</returns>
    Task<bool> TryAnswerAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken);
}
