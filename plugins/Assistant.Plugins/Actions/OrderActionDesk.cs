using Assistant.Engine.Actions;
using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;

namespace Assistant.Plugins.Actions;

/// <summary>
/// The second and third phases of an order action, run by the service before (or instead of) the model: the
/// customer's answer to the confirmation question, and a person's approval or rejection. The model takes no part:
/// it can neither confirm, nor change what was proposed, nor carry anything out.
/// </summary>
public sealed class OrderActionDesk(
    OrderActionRepository actions, ActionRunner runner, PromptLibrary prompts, ActionSettings actionSettings, TimeProvider clock) : IOrderActionDesk
{
    public async Task<bool> AnswerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        // With every action off no question is asked, and a turn pays no statement for looking (one still open is
        // answered by the model, which has no action tools then).
        if (!actionSettings.Current.AnyOn || await actions.LatestAsync(conversation.AccountId, conversation.ConversationId, cancellationToken) is not { } action)
        {
            return false;
        }

        var texts = TextsOf(action);
        var choices = ActionQuestion.ChoicesOf(action, texts);
        var awaiting = action.State == ActionStates.AwaitingConfirmation;
        // Once the action has moved on, only the very choice counts (a second click), not a "yes" meant for something else.
        var answer = ConfirmationReader.Read(turn.NewInputs, choices, titlesOnly: !awaiting);
        if (answer == ConfirmationAnswer.None)
        {
            if (awaiting)
            {
                // The customer moved on: a later "yes" must not confirm a question no longer on screen.
                await actions.MoveAsync(action.Id, [ActionStates.AwaitingConfirmation], ActionStates.Abandoned, cancellationToken);
            }

            return false;
        }

        if (!awaiting)
        {
            await AnswerMovedOnAsync(turn, action, texts, cancellationToken);
            return true;
        }

        if (clock.GetUtcNow() > action.ExpiresAt)
        {
            await actions.MoveAsync(action.Id, [ActionStates.AwaitingConfirmation], ActionStates.Expired, cancellationToken);
            turn.Plan.Answer(new TextReply(texts.Get("action.expired", ("number", action.OrderNumber))));
            return true;
        }

        if (answer == ConfirmationAnswer.No)
        {
            await actions.MoveAsync(action.Id, [ActionStates.AwaitingConfirmation], ActionStates.Declined, cancellationToken);
            turn.Plan.Answer(new TextReply(texts.Get("action.declined", ("number", action.OrderNumber))));
            return true;
        }

        await ConfirmAsync(turn, action, texts, cancellationToken);
        return true;
    }

    public async Task DecideAsync(TurnContext turn, bool approved, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        var team = prompts.Current.Locales.For(LocaleCatalog.DefaultLanguage);
        var action = await actions.LatestAsync(conversation.AccountId, conversation.ConversationId, cancellationToken);
        if (action is null || action.State is not (ActionStates.AwaitingApproval or ActionStates.Executing))
        {
            turn.Plan.NoteForTeam(team["action_note.nothing_waiting"]);
            return;
        }

        var texts = TextsOf(action);
        if (action.State == ActionStates.Executing)
        {
            Report(turn, action, texts, await runner.ResumeAsync(action, cancellationToken), people: true);
            return;
        }

        if (clock.GetUtcNow() > action.ExpiresAt)
        {
            await actions.MoveAsync(action.Id, [ActionStates.AwaitingApproval], ActionStates.Expired, cancellationToken);
            turn.Plan.NoteForTeam(team.Get("action_note.expired", ("action", Describe(action)), ("at", action.ExpiresAt.ToString("u"))));
            return;
        }

        if (!approved)
        {
            if (await actions.MoveAsync(action.Id, [ActionStates.AwaitingApproval], ActionStates.Rejected, cancellationToken, reason: "rejected by the team"))
            {
                turn.Plan.NoteForTeam(team.Get("action_note.rejected", ("action", Describe(action))));
                turn.Plan.Answer(new TextReply(texts.Get("action.rejected", ("number", action.OrderNumber))));
            }

            return;
        }

        if (await runner.RunAsync(action, cancellationToken) is { } result)
        {
            Report(turn, action, texts, result, people: true);
        }
    }

    public async Task<string?> LatestStateAsync(long accountId, long conversationId, CancellationToken cancellationToken) =>
        (await actions.LatestAsync(accountId, conversationId, cancellationToken, withRefused: true))?.State;

    private async Task ConfirmAsync(TurnContext turn, OrderActionRow action, LocaleTexts texts, CancellationToken cancellationToken)
    {
        // A merged or changed contact did not give the proof the proposal rested on.
        if (action.Facts.ContactId != turn.Conversation.ContactId)
        {
            await actions.MoveAsync(action.Id, [ActionStates.AwaitingConfirmation], ActionStates.Refused, cancellationToken, reason: "contact");
            turn.Plan.Answer(new TextReply(texts.Get("action.not_done", ("number", action.OrderNumber), ("reason", texts["action.reason_owner"]))));
            return;
        }

        var settings = actionSettings.Current;
        var mode = settings.ModeOf(action.Kind);
        var overCeiling = settings.AutoMaxTotal is { } ceiling && action.Facts.Amount > ceiling;
        if (mode == ActionModes.Auto && !overCeiling)
        {
            if (await runner.RunAsync(action, cancellationToken) is { } result)
            {
                Report(turn, action, texts, result, people: false);
            }
            else
            {
                await AnswerMovedOnAsync(turn, action, texts, cancellationToken);
            }

            return;
        }

        // Approval (or actions switched off since the proposal, or a total over the auto ceiling): a person decides.
        var expires = clock.GetUtcNow() + settings.ApproveWithin;
        if (await actions.MoveAsync(action.Id, [ActionStates.AwaitingConfirmation], ActionStates.AwaitingApproval, cancellationToken, expiresAt: expires))
        {
            var team = prompts.Current.Locales.For(LocaleCatalog.DefaultLanguage);
            turn.OrdersReferenced.Add(action.OrderNumber);
            turn.Plan.HandOff(new HandoffRequest(HandoffReason.OrderAction, team.Get("action_note.prepared",
                ("action", Describe(action)), ("approve", settings.ApproveLabel), ("reject", settings.RejectLabel), ("until", expires.ToString("u"))),
                MessageKey: "action.awaiting_approval"));
        }
    }

    /// <summary>The action is no longer waiting (a second click, a retried turn): say where it stands, do nothing again.</summary>
    private async Task AnswerMovedOnAsync(TurnContext turn, OrderActionRow action, LocaleTexts texts, CancellationToken cancellationToken)
    {
        var now = await actions.LatestAsync(action.AccountId, action.ConversationId, cancellationToken) ?? action;
        if (now.State == ActionStates.Executing)
        {
            Report(turn, now, texts, await runner.ResumeAsync(now, cancellationToken), people: false);
            return;
        }

        var key = now.State switch
        {
            ActionStates.Executed => "action.already_done",
            ActionStates.AwaitingApproval => "action.awaiting_approval",
            _ => "action.no_longer",
        };
        turn.Plan.Answer(new TextReply(texts.Get(key, ("number", now.OrderNumber), ("status", Status(texts, now.StoreStatus)))));
    }

    /// <summary>What the customer and the team are told once the action ended; a failure goes to people.</summary>
    private static void Report(TurnContext turn, OrderActionRow action, LocaleTexts texts, ActionResult result, bool people)
    {
        var number = action.OrderNumber;
        turn.OrdersReferenced.Add(number);
        switch (result.State)
        {
            case ActionStates.Executed:
                turn.Plan.NoteForTeam($"Order action carried out: {Describe(action)}. The store now shows: {result.Detail}.");
                // A store that only took the request (PostgreSQL's order_requests, Shopify's cancellation job) has not done it yet.
                var taken = action.Kind != ActionKinds.Return && result.Detail is "requested" or "cancelling";
                turn.Plan.Answer(new TextReply(texts.Get(taken ? "action.requested" : "action.done_" + action.Kind, ("number", number),
                    ("status", Status(texts, result.Detail)), ("address", action.Facts.Address?.ToString()))));
                break;
            case ActionStates.Refused:
                turn.Plan.NoteForTeam($"Order action not carried out: {Describe(action)}; checked again just before, it was no longer possible ({result.Detail}).");
                turn.Plan.Answer(new TextReply(texts.Get("action.not_done", ("number", number), ("reason", ReasonText(texts, result.Detail)))));
                break;
            default:
                var note = $"Order action failed: {Describe(action)}. The store said: {result.Detail}. Nothing was retried; please check the order.";
                turn.Plan.NoteForTeam(note);
                if (people)
                {
                    turn.Plan.Answer(new TextReply(texts.Get("action.failed", ("number", number))));
                }
                else
                {
                    turn.Plan.HandOff(new HandoffRequest(HandoffReason.OrderAction, note, Apology: true));
                }

                break;
        }
    }

    private LocaleTexts TextsOf(OrderActionRow action) => prompts.Current.Locales.For(action.Facts.Language);

    private static string Describe(OrderActionRow action) =>
        $"{ActionProposals.Describe(action.Kind)} order #{action.OrderNumber} (total {action.Facts.Total})"
        + (action.Facts.Address is { } address ? $" to {address}" : string.Empty)
        + (action.Facts.Reason is { } reason ? $", reason given: \"{reason}\"" : string.Empty);

    private static string Status(LocaleTexts texts, string? status) => status is null ? string.Empty : texts.Word("order_status", status);

    private static string ReasonText(LocaleTexts texts, string code) =>
        texts.All.ContainsKey("action.reason_" + code) ? texts["action.reason_" + code] : texts["action.reason_status"];
}
