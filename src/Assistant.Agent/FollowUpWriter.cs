using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Costs;
using Assistant.Engine.Gate;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Engine.Store;
using Assistant.Engine.Telemetry;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Agent;

/// <summary>
/// Writes the follow-up with the model, from <c>prompts/follow-up.yaml</c> and the conversation, in one round
/// without tools: it only recalls what was said. The reply gate checks it against the conversation (no number the
/// conversation does not hold, the channel's length); whatever fails, or a spent budget, leaves the locale's text.
/// </summary>
public sealed partial class FollowUpWriter(
    AgentRun agent,
    PromptLibrary prompts,
    BudgetRepository budgets,
    IOptionsMonitor<LlmOptions> llm,
    IOptionsMonitor<StoreOptions> store,
    ILogger<FollowUpWriter> logger) : IFollowUpWriter
{
    private static readonly TurnMetrics None = new("offline", 0, 0, 0, [], null);

    public async Task<(string? Text, TurnMetrics Metrics)> WriteAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        var settings = llm.CurrentValue;
        var conversation = turn.Conversation;
        var promptSet = prompts.Current;
        if (!settings.IsConfigured || promptSet.FollowUp is not { } template
            || await budgets.SpentAsync(conversation.AccountId, conversation.ConversationId, conversation.ContactId, cancellationToken) is not null)
        {
            return (null, None);
        }

        var channel = ChannelProfile.For(conversation.Channel);
        var chat = new ChatHistory(template.Render(new Dictionary<string, object?>
        {
            ["store_name"] = store.CurrentValue.Name,
            ["customer_name"] = PromptText.Quote(turn.Identity.Name, PromptText.MaxNameLength) ?? "the customer",
            ["channel"] = channel.Name,
            ["language"] = turn.Language,
        }));
        chat.AddRange(ShoppingAgent.HistoryMessages(HistoryWindow.Fit(history, settings.MaxHistoryLineTokens, settings.MaxHistoryTokens)));
        var rounds = new List<ModelRoundRecord>();
        AgentRunResult run;
        try
        {
            run = await agent.RunAsync(chat, [], template.Config.DefaultExecutionSettings, AgentLimits.From(settings) with { MaxRounds = 1 }, cancellationToken, rounds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, ex, conversation.AccountId, conversation.ConversationId);
            AssistantTelemetry.ModelFailures.Add(1, new KeyValuePair<string, object?>("error.type", ex.GetType().Name));
            return (null, None with
            {
                Rounds = rounds.Count,
                PromptTokens = (int)rounds.Sum(r => r.InputTokens),
                CompletionTokens = (int)rounds.Sum(r => r.OutputTokens),
                Error = $"The follow-up could not be written ({ex.GetType().Name}).",
                ModelRounds = rounds,
            });
        }

        var metrics = new TurnMetrics("llm", run.Rounds, (int)run.InputTokens, (int)run.OutputTokens, [], null, ModelRounds: run.ModelRounds);
        if (run.Text?.Trim() is not { Length: > 0 } text)
        {
            return (null, metrics);
        }

        var previous = history.LastOrDefault(e => e.Role == TranscriptRole.Bot && !string.IsNullOrWhiteSpace(e.Content))?.Content;
        var said = history.Where(e => e.Content is not null).Select(e => e.Content!).ToList();
        var verdict = ReplyGate.Check(text, new GateInput(conversation.Channel, previous, said, store.CurrentValue.LinkDomainList), promptSet.Guardrails);
        GateTelemetry.Record(verdict);
        return (verdict.Passed ? text : null, metrics with { Gate = [verdict] });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 830, Level = LogLevel.Warning, Message = "The model could not write the follow-up in {AccountId}/{ConversationId}; the locale's text is sent.")]
        public static partial void Failed(ILogger logger, Exception exception, long accountId, long conversationId);
    }
}
