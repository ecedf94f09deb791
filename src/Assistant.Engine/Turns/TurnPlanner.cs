using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Hours;
using Assistant.Engine.Prompts;
using Assistant.Engine.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// Plans a turn and stores the plan: the responder's answer (with its handoff's route and hours, and CSAT), a
/// lifecycle follow-up or resolve, or the WhatsApp template outside the window. Nothing is sent here.
/// </summary>
internal sealed class TurnPlanner(
    IServiceScopeFactory scopes,
    TranscriptRepository transcript,
    TurnRepository turns,
    PromptLibrary prompts,
    BusinessHours businessHours,
    Routing.HandoffRouter router,
    Identity.CustomerIdentityResolver identities,
    Lifecycle.LifecycleTurns lifecycle,
    Lifecycle.CsatPolicy csat,
    IOptionsMonitor<HandoffOptions> handoffOptions,
    IOptionsMonitor<LlmOptions> llmOptions)
{
    private const int CustomerTextsForProof = 500;

    /// <returns>The plan as stored.</returns>
    public async Task<IReadOnlyList<StoredAction>> PlanAnswerAsync(TurnRecord turn, ConversationState conversation, IReadOnlyList<PendingInput>? knownInputs, CancellationToken cancellationToken)
    {
        var promptSet = prompts.Current;
        // One read serves both the model's history and the customer's recent words (the proof for the access rule).
        var historyLength = llmOptions.CurrentValue.MaxHistoryMessages;
        var recent = await transcript.RecentAsync(conversation.AccountId, conversation.ConversationId, Math.Max(historyLength, CustomerTextsForProof), cancellationToken);
        var history = recent.TakeLast(historyLength).ToList();
        var customerTexts = recent.TakeLast(CustomerTextsForProof)
            .Where(e => e.Role == TranscriptRole.Customer && e.Content is not null).Select(e => e.Content!).ToList();

        var inputs = knownInputs ?? await turns.InputsOfAsync(conversation.AccountId, conversation.ConversationId, turn, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TurnContext>();
        var newInputs = inputs.Where(i => i.Content is not null).Select(i => i.Content!).ToList();
        // The customer's own words decide the reply's language; the widget's setting only when they say too little.
        var language = LanguageDetector.Detect(string.Join('\n', newInputs)) ?? conversation.Language;
        var identity = await identities.ResolveAsync(conversation, cancellationToken);
        context.Begin(conversation, identity, customerTexts, newInputs, promptSet.Locales.For(language).Language, turn.InReplyTo);
        // A click or a clear yes or no to a pending order action is the service's to carry out, never the model's.
        var desk = scope.ServiceProvider.GetService<IOrderActionDesk>();
        var metrics = desk is not null && await desk.AnswerAsync(context, cancellationToken)
            ? Lifecycle.LifecycleTurns.NoModel
            : await scope.ServiceProvider.GetRequiredService<ITurnResponder>().RespondAsync(context, history, cancellationToken);
        var (afterHours, target) = context.Plan.Handoff is { } handoff
            ? (await businessHours.AfterHoursAsync(conversation.AccountId, conversation.InboxId, cancellationToken),
               await router.RouteAsync(conversation, HandoffReason.Normalize(handoff.Reason), context.Language, cancellationToken))
            : (null, null);
        var askCsat = context.Plan is { Resolve: true, Handoff: null } && await csat.AskAfterResolveAsync(conversation, cancellationToken);
        var actions = PlanCompiler.Compile(context.Plan, context, handoffOptions.CurrentValue, promptSet, afterHours, target, askCsat);
        var plan = PlanFacts.Of(metrics, llmOptions.CurrentValue, context.Plan.Handoff, afterHours);
        var stored = await turns.SavePlanAsync(turn.Id, actions, plan, cancellationToken);
        TurnTelemetry.Planned(plan);
        return stored;
    }

    /// <summary>
    /// A person's approval or rejection of the conversation's order action (<c>Actions__ApproveLabel</c>): the action
    /// is carried out or dropped, the team told in a note and the customer in a message.
    /// </summary>
    public async Task<IReadOnlyList<StoredAction>> PlanDecisionAsync(TurnRecord turn, ConversationState conversation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TurnContext>();
        var identity = await identities.ResolveAsync(conversation, cancellationToken);
        context.Begin(conversation, identity, [], [], prompts.Current.Locales.For(conversation.Language).Language, turn.InReplyTo);
        var approved = turn.Purpose == TurnPurpose.Approve;
        await scope.ServiceProvider.GetRequiredService<IOrderActionDesk>().DecideAsync(context, approved, cancellationToken);
        var settings = scope.ServiceProvider.GetRequiredService<Actions.ActionSettings>().Current;
        var actions = PlanCompiler.CompileDecision(context.Plan, context, prompts.Current, approved ? settings.ApproveLabel : settings.RejectLabel);
        return await turns.SavePlanAsync(turn.Id, actions, PlanFacts.Of(Lifecycle.LifecycleTurns.NoModel, llmOptions.CurrentValue, null, null), cancellationToken);
    }

    public async Task<IReadOnlyList<StoredAction>> PlanFollowingAsync(TurnRecord turn, ConversationState conversation, bool canReply, CancellationToken cancellationToken)
    {
        var (actions, metrics) = await lifecycle.PlanAsync(turn, conversation, canReply, cancellationToken);
        return await turns.SavePlanAsync(turn.Id, actions, PlanFacts.Of(metrics, llmOptions.CurrentValue, null, null), cancellationToken);
    }

    /// <summary>
    /// WhatsApp's 24-hour window has closed (Chatwoot's <c>can_reply</c>): plans the configured template instead of
    /// the turn's own messages; null when there is none, and the turn sends nothing.
    /// </summary>
    public async Task<IReadOnlyList<StoredAction>?> PlanOutsideWindowAsync(TurnRecord turn, ConversationState conversation, CancellationToken cancellationToken)
    {
        if (lifecycle.WindowTemplate(conversation) is not { } template)
        {
            return null;
        }

        return await turns.SavePlanAsync(turn.Id, template, PlanFacts.Of(Lifecycle.LifecycleTurns.NoModel, llmOptions.CurrentValue, null, null), cancellationToken);
    }
}
