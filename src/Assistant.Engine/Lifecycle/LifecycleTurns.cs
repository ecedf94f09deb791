using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Engine.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Lifecycle;

/// <summary>
/// The turns that follow an answer: one follow-up when the customer leaves the bot's question unanswered, a resolve
/// when they go quiet, and what is sent once WhatsApp's 24-hour window has closed (the configured template, or
/// nothing, recorded either way). Planned and carried out like any turn, so each happens once.
/// </summary>
public sealed partial class LifecycleTurns(
    TurnRepository turns,
    TranscriptRepository transcript,
    PromptLibrary prompts,
    CsatPolicy csat,
    IServiceProvider services,
    IOptionsMonitor<AssistantOptions> options,
    TimeProvider clock)
{
    private const int HistoryLines = 20;

    /// <summary>What a turn costs that asked no model.</summary>
    public static TurnMetrics NoModel { get; } = new("offline", 0, 0, 0, [], null);

    /// <summary>The follow-up and resolve timers an answer turn sets, when it answered and the settings ask for them.</summary>
    public IReadOnlyList<NewInboxEvent> TimersAfter(TurnRecord turn, ConversationState conversation, IReadOnlyList<StoredAction> steps)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var timers = new List<NewInboxEvent>();
        if (settings.FollowUpAfter is { } followUp && AskedSomething(steps))
        {
            timers.Add(LifecycleTimers.Timer(conversation.AccountId, conversation.ConversationId, turn.LastInputId, TurnPurpose.FollowUp, now + followUp));
        }

        if (settings.ResolveAfter is { } resolve)
        {
            timers.Add(LifecycleTimers.Timer(conversation.AccountId, conversation.ConversationId, turn.LastInputId, TurnPurpose.Resolve, now + resolve));
        }

        return timers;
    }

    /// <summary>
    /// Whether a due follow-up or resolve still applies: the customer wrote nothing since, and the bot's newest answer
    /// is still the one that set the timer and it answered (a handoff, or a newer answer, takes the timer's place).
    /// </summary>
    public async Task<bool> StillDueAsync(TurnDue due, TurnStart start, CancellationToken cancellationToken) =>
        start.Pending.Count == 0
        && await turns.LastAnswerAsync(due.AccountId, due.ConversationId, cancellationToken) is { } last
        && last.LastInputId == due.InputId && last.Outcome == TurnOutcome.Answered;

    /// <summary>
    /// What a follow-up or resolve turn does, and what writing it cost. Once WhatsApp's window has closed
    /// (<paramref name="canReply"/> false) a resolve still resolves, without the messages Chatwoot would refuse.
    /// </summary>
    public async Task<(IReadOnlyList<PlannedAction> Actions, TurnMetrics Metrics)> PlanAsync(
        TurnRecord turn, ConversationState conversation, bool canReply, CancellationToken cancellationToken)
    {
        var history = await transcript.RecentAsync(conversation.AccountId, conversation.ConversationId, HistoryLines, cancellationToken);
        if (turn.Purpose == TurnPurpose.Resolve)
        {
            var resolve = new PlannedAction(PlannedAction.StatusKind, true, Status: "resolved");
            if (!canReply)
            {
                return ([resolve], NoModel);
            }

            var texts = prompts.Current.Locales.For(LanguageOf(history) ?? conversation.Language);
            // The survey before the status, as in PlanCompiler: one survey whichever Chatwoot version runs.
            List<PlannedAction> actions = [PlannedAction.Message(OutgoingMessage.Text(texts["resolve.inactive"]), requiresOwnership: true)];
            if (await csat.AskAfterResolveAsync(conversation, cancellationToken))
            {
                actions.Add(PlannedAction.Message(OutgoingMessage.Csat(texts["csat.ask"]), requiresOwnership: true));
            }

            actions.Add(resolve);
            return (actions, NoModel);
        }

        var (text, metrics) = await WriteFollowUpAsync(conversation, history, cancellationToken);
        var messages = ChannelText.Messages(text, ChannelProfile.For(conversation.Channel), null);
        return ([.. messages.Select(m => PlannedAction.Message(m, requiresOwnership: true))], metrics);
    }

    /// <summary>
    /// Outside WhatsApp's 24-hour window Chatwoot refuses free-form messages: the configured template instead, or
    /// null when there is none (the turn then sends nothing, and says so).
    /// </summary>
    public IReadOnlyList<PlannedAction>? WindowTemplate(ConversationState conversation)
    {
        var template = options.CurrentValue.WindowTemplate;
        if (!template.Configured)
        {
            return null;
        }

        var name = conversation.ContactName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "there";
        var message = OutgoingMessage.Template(template.Text!.Replace("{{1}}", name, StringComparison.Ordinal), template.Name!, template.Category, template.Language,
            new JsonObject { ["body"] = new JsonObject { ["1"] = name } });
        return [PlannedAction.Message(message, requiresOwnership: true)];
    }

    /// <summary>
    /// The follow-up on what the conversation left open: written by the model (<see cref="IFollowUpWriter"/>) when
    /// there is one and it writes something the gate lets through, otherwise the bot's last question asked again.
    /// </summary>
    public async Task<(string Text, TurnMetrics Metrics)> WriteFollowUpAsync(
        ConversationState conversation, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        var texts = prompts.Current.Locales.For(LanguageOf(history) ?? conversation.Language);
        // A written follow-up the gate stopped was still paid for: its cost stays on the turn.
        var spent = NoModel;
        if (services.GetService<IFollowUpWriter>() is { } writer)
        {
            var turn = new TurnContext();
            var identity = new CustomerIdentity(conversation.ContactName, null, null, null, null);
            turn.Begin(conversation, identity, [], [], texts.Language, null);
            (var written, spent) = await writer.WriteAsync(turn, history, cancellationToken);
            if (!string.IsNullOrWhiteSpace(written))
            {
                return (written, spent);
            }
        }

        // Without a model: the question the bot asked, asked again.
        var asked = history.LastOrDefault(e => e.Role == TranscriptRole.Bot && !string.IsNullOrWhiteSpace(e.Content))?.Content;
        return (asked is not null && LastQuestion(asked) is { } question
            ? texts.Get("followup.question", ("question", question))
            : texts["followup.generic"], spent);
    }

    private static string? LanguageOf(IReadOnlyList<TranscriptEntry> history) =>
        LanguageDetector.Detect(history.LastOrDefault(e => e.Role == TranscriptRole.Customer)?.Content);

    /// <summary>Whether the answer asked the customer something: a question mark, choices, or a form.</summary>
    private static bool AskedSomething(IReadOnlyList<StoredAction> steps) =>
        steps.Any(s => s.Action is { Kind: PlannedAction.MessageKind, Private: false } message
            && (message.ContentType is "input_select" or "form" || (message.Content?.IndexOfAny(['?', '？']) ?? -1) >= 0));

    private static string? LastQuestion(string text) =>
        Sentence().Matches(text).Select(m => m.Value.Trim()).LastOrDefault(s => s.EndsWith('?') || s.EndsWith('？'));

    [GeneratedRegex(@"[^.!?。！？\n]+[.!?。！？]?")]
    private static partial Regex Sentence();
}
