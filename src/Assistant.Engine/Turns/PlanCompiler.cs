using Assistant.Chatwoot.Api;
using Assistant.Engine.Contract;
using Assistant.Engine.Hours;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using Assistant.Engine.Routing;

namespace Assistant.Engine.Turns;

/// <summary>
/// Turns what the agent decided into the ordered steps the design prescribes. A handoff: private note, labels merged,
/// team then agent, status open, and one customer message sent last (any answer written in the same turn is not
/// sent). A resolve: the answers, a closing message, Chatwoot's CSAT survey when asked for, status resolved. The
/// survey goes before the status: Chatwoot versions that survey on any resolve then see one sent and add none. A handoff outside business hours tells the
/// customer when people answer again, and the note says they were told.
/// </summary>
internal static class PlanCompiler
{
    /// <param name="target">Where the handoff goes (<see cref="HandoffRouter"/>); when null, the configured team for the reason and agent.</param>
    /// <param name="askCsat">Whether a resolve ends with the CSAT survey (<see cref="Lifecycle.CsatPolicy"/>).</param>
    public static IReadOnlyList<PlannedAction> Compile(
        TurnPlan plan, TurnContext turn, HandoffOptions handoff, PromptSet prompts, AfterHours? afterHours = null, HandoffTarget? target = null, bool askCsat = false)
    {
        var texts = prompts.Locales.For(turn.Language);
        if (plan.Handoff is { } request)
        {
            var actions = new List<PlannedAction>
            {
                PlannedAction.Message(OutgoingMessage.PrivateNote(HandoffNote(request, turn, plan, prompts, afterHours)), requiresOwnership: true),
            };
            var reason = HandoffReason.Normalize(request.Reason);
            var labels = handoff.LabelList.Append($"handoff:{reason}").ToList();
            actions.Add(new PlannedAction(PlannedAction.AddLabelsKind, false, Labels: labels));
            target ??= new HandoffTarget(handoff.TeamFor(reason, turn.Language), handoff.AgentId);
            if (target.TeamId is { } team)
            {
                actions.Add(new PlannedAction(PlannedAction.AssignTeamKind, false, Id: team));
            }

            if (target.AgentId is { } agent)
            {
                actions.Add(new PlannedAction(PlannedAction.AssignAgentKind, false, Id: agent));
            }

            actions.Add(new PlannedAction(PlannedAction.StatusKind, false, Status: "open"));
            var message = afterHours is null
                ? texts[request.MessageKey ?? (request.Apology ? "handoff.apology" : "handoff.message")]
                : texts.Get(request.Apology ? "handoff.apology_after_hours" : "handoff.after_hours", ("when", texts.Opening(afterHours)));
            actions.Add(PlannedAction.Message(OutgoingMessage.Text(message, turn.InReplyTo), requiresOwnership: false));
            return actions;
        }

        // Rendered for the channel here, so the stored plan holds the very messages a retry sends.
        IReadOnlyList<Reply> replies = plan.Confirmation is { } confirmation ? [.. plan.Answers, confirmation] : plan.Answers;
        var answers = TeamNotes(plan, requiresOwnership: true)
            .Concat(ReplyRenderer.Render(replies, turn, prompts).Select(a => PlannedAction.Message(a, requiresOwnership: true))).ToList();
        if (plan.Resolve)
        {
            answers.Add(PlannedAction.Message(OutgoingMessage.Text(texts["resolve.closing"], turn.InReplyTo), requiresOwnership: true));
            if (askCsat)
            {
                answers.Add(PlannedAction.Message(OutgoingMessage.Csat(texts["csat.ask"]), requiresOwnership: true));
            }

            answers.Add(new PlannedAction(PlannedAction.StatusKind, false, Status: "resolved"));
        }

        return answers;
    }

    /// <summary>
    /// A person's decision on an order action: the team's note, what the customer is told, and the decision's label
    /// taken off, so the next action can be decided with it again. Sent although people hold the conversation: they
    /// asked for it with the label.
    /// </summary>
    public static IReadOnlyList<PlannedAction> CompileDecision(TurnPlan plan, TurnContext turn, PromptSet prompts, string label) =>
        [.. TeamNotes(plan, requiresOwnership: false),
         .. ReplyRenderer.Render(plan.Answers, turn, prompts).Select(a => PlannedAction.Message(a, requiresOwnership: false)),
         new PlannedAction(PlannedAction.RemoveLabelKind, false, Labels: [label])];

    private static IEnumerable<PlannedAction> TeamNotes(TurnPlan plan, bool requiresOwnership) =>
        plan.TeamNotes.Select(n => PlannedAction.Message(OutgoingMessage.PrivateNote(n), requiresOwnership));

    /// <summary>How the service proved the customer, with the address a channel proved.</summary>
    private static string VerificationOf(CustomerIdentity identity, string method) => method switch
    {
        Identity.ContactVerification.Phone => $"{method} {identity.Phone}",
        Identity.ContactVerification.Email => $"{method} {identity.Email}",
        _ => method,
    };

    /// <summary>The note the team reads: reason, summary, orders referenced, what the bot already said. In the default locale: it is for the team.</summary>
    public static string HandoffNote(HandoffRequest request, TurnContext turn, TurnPlan plan, PromptSet prompts, AfterHours? afterHours = null)
    {
        var texts = prompts.Locales.For(LocaleCatalog.DefaultLanguage);
        var identity = turn.Identity;
        // The service's own finding, never the contact's words: a name can read "Jane (verified by hmac)", so it is quoted.
        var verification = identity.VerifiedBy is { } method ? texts.Get("note.verified", ("method", VerificationOf(identity, method))) : texts["note.unverified"];
        var told = ReplyRenderer.Render(plan.Answers, turn, prompts).LastOrDefault(a => !a.Private)?.Content;
        return prompts.HandoffSummary.Render(new Dictionary<string, object?>
        {
            ["title"] = texts["note.title"],
            ["customer_line"] = texts.Get("note.customer",
                ("name", PromptText.Quote(identity.Name ?? identity.Email ?? identity.Phone, PromptText.MaxNameLength) ?? "?"), ("verification", verification)),
            ["reason_line"] = texts.Get("note.reason", ("reason", request.Reason)),
            ["summary_line"] = string.IsNullOrWhiteSpace(request.Summary) ? null : texts.Get("note.summary", ("summary", request.Summary)),
            ["orders_line"] = turn.OrdersReferenced.Count == 0 ? null : texts.Get("note.orders", ("orders", string.Join(", ", turn.OrdersReferenced.Select(o => "#" + o)))),
            ["told_line"] = told is null ? null : texts.Get("note.told", ("text", told)),
            ["hours_line"] = afterHours is null ? null : texts.Get("note.after_hours", ("when", texts.Opening(afterHours))),
        });
    }
}
