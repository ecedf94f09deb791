using Assistant.Engine.Actions;
using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Rendering;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Assistant.Operations.Evals;

/// <summary>
/// Plays the scenarios in <c>prompts/evals</c> through the same responder the service uses (the configured LLM and
/// tools, the access rule, the offline fallback) and checks each turn's tools, outcome and text. Nothing is sent to
/// Chatwoot: a turn's plan is the result.
/// </summary>
public sealed class EvalRunner(IServiceScopeFactory scopes)
{
    public static IReadOnlyList<EvalScenario> Load(string folder)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var scenarios = new List<EvalScenario>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                var scenario = deserializer.Deserialize<EvalScenario>(File.ReadAllText(file)) ?? throw new Engine.Prompts.PromptException($"{file} is empty.");
                if (string.IsNullOrWhiteSpace(scenario.Name) || scenario.Turns.Count == 0)
                {
                    throw new Engine.Prompts.PromptException($"{file}: a scenario needs a name and at least one turn.");
                }

                if (scenario.Turns.FindIndex(t => new[] { t.Say is not null, t.Agent is not null, t.FollowUp, t.Click is not null, t.Decide is not null }
                        .Count(b => b) != 1) is var bad and >= 0)
                {
                    throw new Engine.Prompts.PromptException($"{file}: turn {bad + 1} needs exactly one of say, agent, follow_up, click or decide.");
                }

                scenarios.Add(scenario);
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new Engine.Prompts.PromptException($"{file} is not a valid scenario: {ex.Message}", ex);
            }
        }

        return scenarios;
    }

    public async Task<EvalResult> RunAsync(EvalScenario scenario, CancellationToken cancellationToken)
    {
        var history = new List<TranscriptEntry>();
        var results = new List<EvalTurnResult>();
        var conversation = Conversation(scenario.Customer);
        // A scenario states what the customer is proven to be: it tests the agent, not how identity is established.
        var identity = new CustomerIdentity(conversation.ContactName, conversation.ContactEmail, conversation.ContactPhone, conversation.ContactIdentifier,
            string.IsNullOrWhiteSpace(scenario.Customer.Verified) ? null : scenario.Customer.Verified);
        var nextId = 1L;
        var heldByPeople = false;
        ChoicesReply? question = null;
        foreach (var (turn, index) in scenario.Turns.Select((t, i) => (t, i + 1)))
        {
            if (turn.Agent is { } reply)
            {
                history.Add(Line(conversation, nextId++, TranscriptRole.Agent, reply));
                heldByPeople = true;
                results.Add(new EvalTurnResult(index, reply, "people", [], string.Empty, []));
                continue;
            }

            if (turn.HandBack)
            {
                heldByPeople = false;
                conversation = conversation with { HandedBackAt = DateTimeOffset.UtcNow };
            }

            await using var scope = scopes.CreateAsyncScope();
            if (turn.FollowUp)
            {
                var (written, cost) = await scope.ServiceProvider.GetRequiredService<Engine.Lifecycle.LifecycleTurns>().WriteFollowUpAsync(conversation, history, cancellationToken);
                results.Add(new EvalTurnResult(index, "(the customer stays silent)", "answered", [], written,
                    [.. Check(turn.Expect, "answered", [], ["text"], written), .. CheckGate(turn.Expect, cost.Gate ?? [])]));
                history.Add(Line(conversation, nextId++, TranscriptRole.Bot, written));
                continue;
            }

            if (scenario.Actions?.ToOptions() is { } actions)
            {
                scope.ServiceProvider.GetRequiredService<ActionSettings>().Use(actions);
            }

            var desk = scope.ServiceProvider.GetService<IOrderActionDesk>();
            var context = scope.ServiceProvider.GetRequiredService<TurnContext>();
            var customerTexts = history.Where(h => h.Role == TranscriptRole.Customer).Select(h => h.Content!).ToList();
            if (turn.Decide is { } decision)
            {
                context.Begin(conversation, identity, customerTexts, [], scenario.Customer.Language, nextId - 1);
                await desk!.DecideAsync(context, decision == "approve", cancellationToken);
                var told = Sent(scope, context);
                var decided = told.Length == 0 ? "silent" : "answered";
                results.Add(new EvalTurnResult(index, $"(a colleague labels: {decision})", decided, [], told,
                    [.. Check(turn.Expect, decided, [], [], told), .. await CheckActionAsync(turn.Expect, desk, conversation, cancellationToken)]));
                if (told.Length > 0)
                {
                    history.Add(Line(conversation, nextId++, TranscriptRole.Bot, told));
                }

                continue;
            }

            if (turn.Click is { } click && question is null)
            {
                results.Add(new EvalTurnResult(index, $"(clicks {click})", "silent", [], string.Empty, ["no confirmation question was asked before this click"]));
                continue;
            }

            var say = turn.Say ?? question!.Choices[turn.Click == "no" ? 1 : 0].Title;
            history.Add(Line(conversation, nextId++, TranscriptRole.Customer, say));
            if (heldByPeople)
            {
                // A person holds the conversation: the service starts no turn, so the bot says nothing.
                results.Add(new EvalTurnResult(index, say, "silent", [], string.Empty, Check(turn.Expect, "silent", [], [], string.Empty)));
                continue;
            }

            context.Begin(conversation, identity, [.. customerTexts, say], [say], scenario.Customer.Language, nextId - 1);
            // As in the service: an answer to a pending order action is the service's, and the model is not asked.
            var metrics = desk is not null && await desk.AnswerAsync(context, cancellationToken)
                ? Engine.Lifecycle.LifecycleTurns.NoModel
                : await scope.ServiceProvider.GetRequiredService<ITurnResponder>().RespondAsync(context, history, cancellationToken);

            var plan = context.Plan;
            var outcome = plan.Handoff is not null ? "handed_off" : plan.Resolve ? "resolved" : "answered";
            // The question stays on screen after it is answered: a second click answers it again.
            var asked = plan.Handoff is null ? plan.Confirmation : null;
            question = asked ?? question;
            var prompts = scope.ServiceProvider.GetRequiredService<Engine.Prompts.PromptLibrary>().Current;
            IReadOnlyList<Reply> replies = asked is null ? plan.Answers : [.. plan.Answers, asked];
            var sent = ReplyRenderer.Render(replies, context, prompts).Where(a => !a.Private).ToList();
            var text = string.Join("\n", sent.Select(a => a.Content));
            results.Add(new EvalTurnResult(index, say, outcome, metrics.ToolsCalled, text,
                [.. Check(turn.Expect, outcome, metrics.ToolsCalled, [.. sent.Select(a => a.ContentType)], text), .. CheckGate(turn.Expect, metrics.Gate ?? []),
                 .. await CheckActionAsync(turn.Expect, desk, conversation, cancellationToken)]));
            history.Add(Line(conversation, nextId++, TranscriptRole.Bot, text.Length > 0 ? text : "(handed to a colleague)"));
        }

        return new EvalResult(scenario.Name, results);
    }

    private static string Sent(AsyncServiceScope scope, TurnContext context) =>
        string.Join("\n", ReplyRenderer.Render(context.Plan.Answers, context, scope.ServiceProvider.GetRequiredService<Engine.Prompts.PromptLibrary>().Current)
            .Where(a => !a.Private).Select(a => a.Content));

    private static async Task<IEnumerable<string>> CheckActionAsync(EvalExpectation expect, IOrderActionDesk? desk, ConversationState conversation, CancellationToken cancellationToken)
    {
        if (expect.Action is not { } wanted || desk is null)
        {
            return [];
        }

        var state = await desk.LatestStateAsync(conversation.AccountId, conversation.ConversationId, cancellationToken) ?? "none";
        return state == wanted ? [] : [$"expected the order action {wanted}, it is {state}"];
    }

    internal static List<string> Check(EvalExpectation expect, string outcome, IReadOnlyList<string> tools, IReadOnlyList<string> sent, string text)
    {
        var failures = new List<string>();
        failures.AddRange(expect.ToolsCalled.Where(t => !tools.Contains(t)).Select(t => $"expected a call to {t}"));
        failures.AddRange(expect.ToolsNotCalled.Where(tools.Contains).Select(t => $"{t} must not be called"));
        if (!string.IsNullOrWhiteSpace(expect.Outcome) && expect.Outcome != outcome)
        {
            failures.Add($"expected {expect.Outcome}, got {outcome}");
        }

        failures.AddRange(expect.Sends.Where(t => !sent.Contains(t)).Select(t => $"expected a {t} message, sent {string.Join(", ", sent)}"));
        failures.AddRange(expect.TextContains.Where(s => !text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"text lacks \"{s}\""));
        failures.AddRange(expect.TextNotContains.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"text contains \"{s}\""));
        return failures;
    }

    internal static IEnumerable<string> CheckGate(EvalExpectation expect, IReadOnlyList<Engine.Gate.GateVerdict> verdicts)
    {
        if (expect.Gate.Count == 0)
        {
            yield break;
        }

        var said = verdicts.Select(v => v.Passed ? "passed" : string.Join("+", v.Failures.Select(f => f.Rule))).ToList();
        var matches = expect.Gate.Count == said.Count && expect.Gate.Zip(said).All(p => p.First == p.Second || p.Second.Split('+').Contains(p.First));
        if (!matches)
        {
            yield return $"expected the gate to say {string.Join(", ", expect.Gate)}, it said {(said.Count == 0 ? "nothing" : string.Join(", ", said))}";
        }
    }

    // Each run of a scenario is a conversation of its own (account 0, a fresh negative id): what the service stores per
    // conversation, such as failed order look-ups, never carries over from one scenario or run to the next.
    private static ConversationState Conversation(EvalCustomer customer) => ConversationState.New(0, -Random.Shared.NextInt64(1, long.MaxValue)) with
    {
        Channel = customer.Channel switch
        {
            "whatsapp" => "Channel::Whatsapp",
            "email" => "Channel::Email",
            "sms" => "Channel::Sms",
            "telegram" => "Channel::Telegram",
            "api" => "Channel::Api",
            _ => "Channel::WebWidget",
        },
        ContactName = customer.Name,
        ContactEmail = customer.Email,
        ContactPhone = customer.Phone,
        ContactIdentifier = customer.Identifier,
        Language = customer.Language,
    };

    private static TranscriptEntry Line(ConversationState conversation, long id, TranscriptRole role, string content) =>
        new(conversation.AccountId, conversation.ConversationId, id, TranscriptEntry.MessageKind, role, content, "text", "{}", null, null, DateTimeOffset.UtcNow, id);
}
