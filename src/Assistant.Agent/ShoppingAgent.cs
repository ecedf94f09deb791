using System.Globalization;
using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Gate;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Assistant.Engine.Telemetry;
using Assistant.Engine.Turns;
using Microsoft.Extensions.DependencyInjection;
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
    Engine.Actions.ActionSettings actions,
    TimeProvider clock,
    ILogger<ShoppingAgent> logger)
{

    private readonly List<ModelRoundRecord> _modelRounds = [];

    /// <summary>Every model call this turn made so far, also when the turn then failed: its tokens were spent.</summary>
    public IReadOnlyList<ModelRoundRecord> ModelRounds => _modelRounds;

    public async Task<TurnMetrics> RespondAsync(TurnContext turn, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        var settings = llm.CurrentValue;
        var prompt = prompts.Current.Assistant;
        var system = prompt.Render(new Dictionary<string, object?>
        {
            ["store_name"] = store.CurrentValue.Name,
            ["customer_name"] = PromptText.Quote(turn.Identity.Name, PromptText.MaxNameLength) ?? "the customer",
            ["channel"] = turn.Channel.Name,
            ["language"] = turn.Language,
            ["verified"] = turn.Identity.IsVerified,
            ["now"] = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
            ["handed_back"] = turn.Conversation.HandedBackAt is not null,
            ["actions"] = actions.Current.AnyOn,
        });

        var chat = new ChatHistory(system);
        chat.AddRange(HistoryMessages(HistoryWindow.Fit(history, settings.MaxHistoryLineTokens, settings.MaxHistoryTokens)));
        var run = await agent.RunAsync(chat, catalog.PluginsFor(turnServices), prompt.Config.DefaultExecutionSettings, AgentLimits.From(settings), cancellationToken, _modelRounds,
            turn.ToolCalls);
        var verdicts = new List<GateVerdict>();
        var text = run.Text?.Trim();
        if (text is { Length: > 0 } written && turn.Plan.Handoff is null)
        {
            (text, run) = await GateAsync(written, run, chat, turn, history, prompt.Config.DefaultExecutionSettings, verdicts, cancellationToken);
        }

        var metrics = new TurnMetrics("llm", run.Rounds, (int)run.InputTokens, (int)run.OutputTokens, run.ToolsCalled, null, Gate: verdicts, ToolCalls: run.Calls,
            ModelRounds: run.ModelRounds);
        if (!string.IsNullOrEmpty(text) && turn.Plan.Handoff is null)
        {
            turn.Plan.Answer(new TextReply(text));
        }
        else if (turn.Plan.Answers.Count == 0 && turn.Plan.Handoff is null && !turn.Plan.Resolve)
        {
            // Tools kept being called until the last, tool-less round still said nothing.
            throw new ToolRoundLimitException(run.Rounds);
        }

        Log.Responded(logger, turn.Conversation.AccountId, turn.Conversation.ConversationId, run.Rounds, run.ToolsCalled.Count);
        return metrics;
    }

    /// <summary>
    /// The reply gate: an answer that breaks a guardrail goes back to the model once with the reasons (no tools: the
    /// facts are already in the conversation, and a second tool run would send its cards twice). When the second
    /// answer breaks only style rules (length, questions, a repeat), it goes out anyway, split at the channel's limit:
    /// a correct answer is never thrown away for its style. When it breaks a safety rule, nothing the model wrote is
    /// sent: what the tools showed stays, or the offline router renders the answer from the store, and only when it
    /// has nothing either does the locale's fallback (or, by the guardrails, a handoff) go out.
    /// </summary>
    private async Task<(string? Text, AgentRunResult Run)> GateAsync(
        string text, AgentRunResult run, ChatHistory chat, TurnContext turn, IReadOnlyList<TranscriptEntry> history,
        PromptExecutionSettings? modelSettings, List<GateVerdict> verdicts, CancellationToken cancellationToken)
    {
        var rules = prompts.Current.Guardrails;
        var previous = history.LastOrDefault(e => e.Role == TranscriptRole.Bot && !string.IsNullOrWhiteSpace(e.Content))?.Content;
        var input = new GateInput(turn.Conversation.Channel, previous, [.. run.Calls.Select(c => c.Result), .. turn.NewInputs], store.CurrentValue.LinkDomainList);
        var verdict = ReplyGate.Check(text, input, rules);
        verdicts.Add(verdict);
        GateTelemetry.Record(verdict);
        if (verdict.Passed)
        {
            return (text, run);
        }

        Log.GateFailed(logger, turn.Conversation.AccountId, turn.Conversation.ConversationId, string.Join(",", verdict.Failures.Select(f => f.Rule)));
        chat.AddAssistantMessage(text);
        chat.AddSystemMessage(rules.Repair.Replace("{reasons}", verdict.Reasons, StringComparison.Ordinal));
        var repair = await agent.RunAsync(chat, [], modelSettings, AgentLimits.From(llm.CurrentValue) with { MaxRounds = 1 }, cancellationToken, _modelRounds);
        var combined = run with
        {
            Rounds = run.Rounds + repair.Rounds,
            InputTokens = run.InputTokens + repair.InputTokens,
            OutputTokens = run.OutputTokens + repair.OutputTokens,
            ModelRounds = [.. _modelRounds],
        };
        var repaired = repair.Text?.Trim();
        var second = string.IsNullOrEmpty(repaired)
            ? new GateVerdict([new GateFailure("empty", "said nothing")])
            : ReplyGate.Check(repaired, input, rules);
        verdicts.Add(second);
        GateTelemetry.Record(second);
        if (second.Passed)
        {
            return (repaired, combined);
        }

        Log.GateFailedTwice(logger, turn.Conversation.AccountId, turn.Conversation.ConversationId, string.Join(",", second.Failures.Select(f => f.Rule)));
        if (!string.IsNullOrEmpty(repaired) && second.OnlyStyle)
        {
            return (repaired, combined);
        }

        if (string.IsNullOrEmpty(repaired) && verdict.OnlyStyle)
        {
            return (text, combined);
        }

        if (rules.HandOffOnSecondFailure)
        {
            turn.Plan.HandOff(new HandoffRequest(HandoffReason.AssistantFailure,
                $"The assistant's answer failed the reply gate twice: it {second.Reasons}. The customer asked: {string.Join(" / ", turn.NewInputs)}"));
        }
        else if (turn.Plan.Answers.Count == 0
            && !await turnServices.GetRequiredService<IFallbackResponder>().TryAnswerAsync(turn, history, cancellationToken))
        {
            turn.Plan.Answer(new TextReply(prompts.Current.Locales.For(turn.Language)["gate.fallback"]));
        }

        return (null, combined);
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

        [LoggerMessage(EventId = 821, Level = LogLevel.Information, Message = "The reply gate stopped an answer in {AccountId}/{ConversationId} ({Rules}); the model gets one repair round.")]
        public static partial void GateFailed(ILogger logger, long accountId, long conversationId, string rules);

        [LoggerMessage(EventId = 822, Level = LogLevel.Warning, Message = "The reply gate stopped the repaired answer in {AccountId}/{ConversationId} too ({Rules}); style alone lets it go out, safety sends what the store says or the fallback.")]
        public static partial void GateFailedTwice(ILogger logger, long accountId, long conversationId, string rules);
    }
}
