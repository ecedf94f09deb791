using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Agent;

/// <summary>
/// Answers a turn with the LLM agent when one is configured, otherwise (and whenever the agent fails) with the
/// offline router; what neither can answer is handed to a human, with an apology when something failed, so a
/// customer never meets silence.
/// </summary>
public sealed partial class AgentResponder(
    IServiceProvider services,
    IFallbackResponder fallback,
    IOptionsMonitor<LlmOptions> llm,
    ILogger<AgentResponder> logger) : ITurnResponder
{
    public async Task<TurnMetrics> RespondAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        if (!llm.CurrentValue.IsConfigured)
        {
            return await OfflineAsync(turn, history, failure: null, cancellationToken);
        }

        var agent = services.GetRequiredService<ShoppingAgent>();
        try
        {
            return await agent.RespondAsync(turn, history, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.AgentFailed(logger, ex, turn.Conversation.AccountId, turn.Conversation.ConversationId);
            turn.Plan.Clear();
            return await OfflineAsync(turn, history, failure: Describe(ex), cancellationToken);
        }
    }

    private async Task<TurnMetrics> OfflineAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, string? failure, CancellationToken cancellationToken)
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
                ? new HandoffRequest(HandoffReason.OutOfScope, $"The assistant runs without a language model and could not answer: {Quoted(turn.NewInputs)}")
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
    }
}
