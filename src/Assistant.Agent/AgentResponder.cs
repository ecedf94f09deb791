using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Costs;
using Assistant.Engine.Store;
using Assistant.Engine.Telemetry;
using Assistant.Engine.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Agent;

/// <summary>
/// Answers a turn with the LLM agent when one is configured, otherwise (and whenever the agent fails) with the
/// offline router; what neither can answer is handed to a human, with an apology when something failed, so a
/// customer never meets silence. A spent budget keeps the model out the same way, never silently: the turn records
/// it, a metric counts it and a warning names it. A store that cannot be read is not answered offline (the router
/// would need the store too): the turn fails and is retried, and its last attempt hands off with the apology.
/// </summary>
public sealed partial class AgentResponder(
    IServiceProvider services,
    IFallbackResponder fallback,
    BudgetRepository budgets,
    IOptionsMonitor<LlmOptions> llm,
    IOptionsMonitor<BudgetOptions> budgetOptions,
    ILogger<AgentResponder> logger) : ITurnResponder
{
    public async Task<TurnMetrics> RespondAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        if (!llm.CurrentValue.IsConfigured)
        {
            return await OfflineAsync(turn, history, failure: null, cancellationToken);
        }

        var conversation = turn.Conversation;
        if (await budgets.SpentAsync(conversation.AccountId, conversation.ConversationId, conversation.ContactId, cancellationToken) is { } budget)
        {
            return await BudgetSpentAsync(turn, history, budget, cancellationToken);
        }

        var agent = services.GetRequiredService<ShoppingAgent>();
        try
        {
            return await agent.RespondAsync(turn, history, cancellationToken);
        }
        catch (Exception ex) when (ex is not StoreUnavailableException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            Log.AgentFailed(logger, ex, conversation.AccountId, conversation.ConversationId);
            AssistantTelemetry.ModelFailures.Add(1, new KeyValuePair<string, object?>("error.type", ex.GetType().Name));
            turn.Plan.Clear();
            var offline = await OfflineAsync(turn, history, failure: Describe(ex), cancellationToken);
            // The failed run's model calls were made and paid for: they count in the turn's tokens, cost and budgets.
            var spent = agent.ModelRounds;
            return offline with
            {
                Rounds = spent.Count,
                PromptTokens = (int)spent.Sum(r => r.InputTokens),
                CompletionTokens = (int)spent.Sum(r => r.OutputTokens),
                ModelRounds = spent,
            };
        }
    }

    private async Task<TurnMetrics> BudgetSpentAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, string budget, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        var whenSpent = budgetOptions.CurrentValue.WhenSpent;
        Log.BudgetSpent(logger, budget, conversation.AccountId, conversation.ConversationId, whenSpent);
        AssistantTelemetry.BudgetsSpent.Add(1, new KeyValuePair<string, object?>("budget", budget));
        var reason = $"the {budget.Replace('_', ' ')} budget is spent";
        if (whenSpent == "handoff")
        {
            turn.Plan.HandOff(new HandoffRequest(HandoffReason.BudgetSpent, $"The assistant stepped aside because {reason}: {Quoted(turn.NewInputs)}"));
            return new TurnMetrics("offline", 0, 0, 0, [], $"The {budget} budget is spent.", budget);
        }

        var metrics = await OfflineAsync(turn, history, failure: null, cancellationToken, why: reason);
        return metrics with { Error = $"The {budget} budget is spent.", Budget = budget };
    }

    private async Task<TurnMetrics> OfflineAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, string? failure, CancellationToken cancellationToken, string why = "the assistant runs without a language model")
    {
        var answered = await fallback.TryAnswerAsync(turn, history, cancellationToken);
        if (failure is not null && turn.Plan.Handoff is { Apology: false } routed)
        {
            // The router chose a handoff, but the customer also met a failure: apologise, and tell the team why.
            turn.Plan.Clear();
            turn.Plan.HandOff(routed with { Apology = true, Summary = $"{routed.Summary} The assistant itself could not answer: {failure}" });
        }
        else if (!answered && turn.Plan.Handoff is null)
        {
            turn.Plan.HandOff(failure is null
                ? new HandoffRequest(HandoffReason.OutOfScope, $"The offline router could not answer, as {why}: {Quoted(turn.NewInputs)}")
                : new HandoffRequest(HandoffReason.AssistantFailure, $"The assistant could not answer: {failure}", Apology: true));
        }

        return new TurnMetrics("offline", 0, 0, 0, [], failure);
    }

    /// <summary>What the customer sent, for the team's note (attachments appear as their descriptions).</summary>
    private static string Quoted(IReadOnlyList<string> inputs)
    {
        var text = string.Join(" / ", inputs).ReplaceLineEndings(" ");
        return $"\"{(text.Length > 300 ? text[..300] + "…" : text)}\"";
    }

    private static string Describe(Exception ex) => ex switch
    {
        ToolRoundLimitException => "it reached the limit of tool rounds without an answer.",
        ToolErrorLimitException => "its tools failed repeatedly.",
        OperationCanceledException or TimeoutException => "the language model did not answer in time.",
        _ => $"the language model failed ({ex.GetType().Name}).",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "The agent failed in {AccountId}/{ConversationId}; falling back to the offline router.")]
        public static partial void AgentFailed(ILogger logger, Exception exception, long accountId, long conversationId);

        [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "The {Budget} budget is spent: {AccountId}/{ConversationId} is answered without the model ({WhenSpent}).")]
        public static partial void BudgetSpent(ILogger logger, string budget, long accountId, long conversationId, string whenSpent);
    }
}
