namespace Assistant.Engine.Contract;

/// <summary>
/// The order actions' side of a turn (design: "Order actions"). Before the model runs, the customer's new inputs may
/// answer the conversation's pending action (a click or a clear yes or no): then the service, not the model, carries
/// it out and plans the reply. A person's approval or rejection label is decided here too.
/// </summary>
public interface IOrderActionDesk
{
    /// <summary>True when the turn's inputs answered a pending action and the plan holds the reply; the model is then not asked.</summary>
    Task<bool> AnswerAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>A person added the approval (or rejection) label: carries out (or drops) the action awaiting it and plans what is said.</summary>
    Task DecideAsync(TurnContext turn, bool approved, CancellationToken cancellationToken);

    /// <summary>The state of the conversation's newest order action, if any (for evals and the timeline).</summary>
    Task<string?> LatestStateAsync(long accountId, long conversationId, CancellationToken cancellationToken);
}
