using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Hours;
using Assistant.Engine.Prompts;
using Assistant.Engine.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>
/// A turn that failed on its last attempt, for a reason outside the model (the order database down while the offline
/// router answers, a bug), is about to be dead-lettered: the customer gets the apology and the team the conversation,
/// as after any model failure, instead of silence. A person's decision that fails so is told to the team.
/// </summary>
internal sealed partial class LastResortHandoff(
    ActionExecutor executor,
    OwnershipGuard ownership,
    PromptLibrary prompts,
    BusinessHours businessHours,
    Identity.CustomerIdentityResolver identities,
    IOptionsMonitor<HandoffOptions> handoff,
    ILogger<LastResortHandoff> logger)
{
    public Task HandOffAsync(ConversationState conversation, long? inReplyTo, Exception failure) =>
        HandOffAsync(conversation, inReplyTo, $"The assistant failed repeatedly on this conversation ({failure.GetType().Name}); the customer was told a colleague will reply.", failure);

    /// <param name="why">For the team's note: what went wrong.</param>
    public async Task HandOffAsync(ConversationState conversation, long? inReplyTo, string why, Exception? failure = null)
    {
        try
        {
            if (!await ownership.IsBotsAsync(conversation, CancellationToken.None))
            {
                return;
            }
        }
        catch (Exception ex)
        {
            // Chatwoot could not say who owns it: an apology too many beats a customer left in silence.
            Log.OwnerUnknown(logger, ex, conversation.AccountId, conversation.ConversationId);
        }

        var promptSet = prompts.Current;
        var turn = new TurnContext();
        turn.Begin(conversation, await identities.ResolveAsync(conversation, CancellationToken.None), [], [],
            promptSet.Locales.For(conversation.Language).Language, inReplyTo);
        turn.Plan.HandOff(new HandoffRequest(HandoffReason.AssistantFailure, why, Apology: true));
        Log.HandingOff(logger, failure, conversation.AccountId, conversation.ConversationId);
        var afterHours = await businessHours.AfterHoursAsync(conversation.AccountId, conversation.InboxId, CancellationToken.None);
        AssistantTelemetry.Handoffs.Add(1, new("reason", HandoffReason.AssistantFailure), new("after_hours", afterHours is not null));
        await executor.RunBestEffortAsync(PlanCompiler.Compile(turn.Plan, turn, handoff.CurrentValue, promptSet, afterHours), conversation);
    }

    /// <summary>
    /// A person's decision on an order action (approve or reject) that failed on its last attempt: people hold the
    /// conversation and the customer was promised nothing by it, so only the team is told, in a note; the decision's
    /// label stays on.
    /// </summary>
    public async Task NoteFailedDecisionAsync(ConversationState conversation, string purpose, Exception failure)
    {
        Log.DecisionFailed(logger, failure, conversation.AccountId, conversation.ConversationId, purpose);
        var decision = purpose == TurnPurpose.Approve ? "approval" : "rejection";
        var note = $"The {decision} of this conversation's order action could not be carried out: it failed on every attempt ({failure.GetType().Name}). "
            + "The store may or may not have taken it, and the customer has not been told: check the order in the store.";
        await executor.RunBestEffortAsync([PlannedAction.Message(Chatwoot.Api.OutgoingMessage.PrivateNote(note), requiresOwnership: false)], conversation);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 720, Level = LogLevel.Error, Message = "The turn for {AccountId}/{ConversationId} failed on its last attempt, or nothing answered in time; handing the conversation to a person with an apology.")]
        public static partial void HandingOff(ILogger logger, Exception? exception, long accountId, long conversationId);

        [LoggerMessage(EventId = 722, Level = LogLevel.Error, Message = "The {Purpose} decision for {AccountId}/{ConversationId} failed on its last attempt; telling the team in a note.")]
        public static partial void DecisionFailed(ILogger logger, Exception exception, long accountId, long conversationId, string purpose);

        [LoggerMessage(EventId = 721, Level = LogLevel.Warning, Message = "Could not check who owns {AccountId}/{ConversationId} before the last-resort handoff.")]
        public static partial void OwnerUnknown(ILogger logger, Exception exception, long accountId, long conversationId);
    }
}
