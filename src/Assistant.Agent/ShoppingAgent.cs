using System.Globalization;
using Assistant.Chatwoot.Channels;
using Assistant.Engine.Conversations;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Agent;

/// <summary>
/// One turn with the language model: the system prompt from <c>prompts/assistant.yaml</c> (its execution settings
/// too), a bounded history window, the turn's plugins on a Semantic Kernel of its own, and the model's final text as
/// the answer. Tools write cards, choices and handoffs into the turn's plan; nothing reaches Chatwoot from here.
/// </summary>
public sealed partial class ShoppingAgent(
    AgentRun agent,
    ToolCatalog catalog,
    PromptLibrary prompts,
    IServiceProvider turnServices,
    IOptionsMonitor<LlmOptions> llm,
    IOptionsMonitor<StoreOptions> store,
    TimeProvider clock,
    ILogger<ShoppingAgent> logger)
{
    private const int MaxNameLength = 40;

    public async Task<TurnMetrics> RespondAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        var settings = llm.CurrentValue;
        var prompt = prompts.Current.Assistant;
        var channel = ChannelProfile.For(turn.Conversation.Channel);
        var system = prompt.Render(new Dictionary<string, object?>
        {
            ["store_name"] = store.CurrentValue.Name,
            ["customer_name"] = PromptText.Quote(turn.Identity.Name, MaxNameLength) ?? "the customer",
            ["channel"] = channel.Name,
            ["language"] = turn.Language,
            ["verified"] = turn.Identity.IsVerified,
            ["now"] = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
        });

        var chat = new ChatHistory(system);
        chat.AddRange(HistoryMessages(HistoryWindow.Fit(history, settings.MaxHistoryLineTokens, settings.MaxHistoryTokens)));
        var run = await agent.RunAsync(chat, catalog.PluginsFor(turnServices), prompt.Config.DefaultExecutionSettings, AgentLimits.From(settings), cancellationToken);
        var metrics = new TurnMetrics("llm", run.Rounds, (int)run.InputTokens, (int)run.OutputTokens, run.ToolsCalled, null);

        var text = run.Text?.Trim();
        if (!string.IsNullOrEmpty(text) && turn.Plan.Handoff is null)
        {
            foreach (var message in ChannelText.Messages(text, channel, turn.InReplyTo))
            {
                turn.Plan.Answer(message);
            }
        }
        else if (turn.Plan.Answers.Count == 0 && turn.Plan.Handoff is null && !turn.Plan.Resolve)
        {
            // Tools kept being called until the last, tool-less round still said nothing.
            throw new ToolRoundLimitException(run.Rounds);
        }

        Log.Responded(logger, turn.Conversation.AccountId, turn.Conversation.ConversationId, run.Rounds, run.ToolsCalled.Count);
        return metrics;
    }

    /// <summary>The transcript as the model sees it: customers as the user, the bot and human colleagues as the assistant; private notes stay private.</summary>
    internal static IEnumerable<ChatMessageContent> HistoryMessages(IReadOnlyList<TranscriptEntry> history)
    {
        foreach (var entry in history.Where(e => !string.IsNullOrWhiteSpace(e.Content)))
        {
            switch (entry.Role)
            {
                case TranscriptRole.Customer:
                    yield return new ChatMessageContent(AuthorRole.User, entry.Content);
                    break;
                case TranscriptRole.Bot or TranscriptRole.Template:
                    yield return new ChatMessageContent(AuthorRole.Assistant, entry.Content);
                    break;
                case TranscriptRole.Agent:
                    yield return new ChatMessageContent(AuthorRole.Assistant, $"[a human colleague wrote] {entry.Content}");
                    break;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 820, Level = LogLevel.Debug, Message = "Agent answered {AccountId}/{ConversationId} in {Rounds} round(s) with {Tools} tool call(s).")]
        public static partial void Responded(ILogger logger, long accountId, long conversationId, int rounds, int tools);
    }
}
