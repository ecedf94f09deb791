namespace Assistant.Engine.Contract;

/// <summary>Decides what the turn says and does, by filling <see cref="TurnContext.Plan"/>. Must not call Chatwoot.</summary>
public interface ITurnResponder
{
    Task<TurnMetrics> RespondAsync(TurnContext turn, IReadOnlyList<Conversations.TranscriptEntry> history, CancellationToken cancellationToken);
}

/// <summary>What answering cost: recorded on the turn.</summary>
/// <param name="Mode"><c>llm</c> or <c>offline</c>.</param>
/// <param name="Error">Why the LLM was not used or failed, when it was not.</param>
/// <param name="Budget">The budget that kept the model out (<see cref="Costs.BudgetKind"/>), when one did.</param>
/// <param name="Gate">The reply gate's verdict on each answer the model wrote, in order.</param>
/// <param name="ToolCalls">The model's tool calls with arguments and results, for the decision timeline.</param>
/// <param name="ModelRounds">Each call to the model, for the decision timeline.</param>
public sealed record TurnMetrics(
    string Mode, int Rounds, int PromptTokens, int CompletionTokens, IReadOnlyList<string> ToolsCalled, string? Error, string? Budget = null,
    IReadOnlyList<Gate.GateVerdict>? Gate = null, IReadOnlyList<ToolCallRecord>? ToolCalls = null, IReadOnlyList<ModelRoundRecord>? ModelRounds = null);
