using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;

namespace Assistant.Engine.Turns;

/// <summary>
/// Asks Chatwoot, not local state, whether the bot may speak: a human may have taken over a moment ago, or put the
/// stop label (<c>Handoff__StopLabel</c>) on the conversation.
/// </summary>
public sealed class OwnershipGuard(ChatwootClient chatwoot, Microsoft.Extensions.Options.IOptionsMonitor<HandoffOptions> handoff)
{
    public async Task<bool> IsBotsAsync(ConversationState local, CancellationToken cancellationToken) =>
        await BotsConversationAsync(local, cancellationToken) is not null;

    /// <summary>Chatwoot's view of the conversation when the bot may speak in it; null when it may not.</summary>
    public async Task<ConversationSnapshot?> BotsConversationAsync(ConversationState local, CancellationToken cancellationToken)
    {
        var remote = await chatwoot.GetConversationAsync(local.AccountId, local.ConversationId, cancellationToken);
        if (remote is null)
        {
            return null;
        }

        var snapshot = remote.Snapshot;
        if (handoff.CurrentValue.Stops(snapshot.Labels))
        {
            // The stop label silences the bot whatever the conversation's status or assignee.
            return null;
        }

        // The reclaimed assignee is local knowledge (who held the conversation before the customer reopened it).
        return OwnershipPolicy.Of(snapshot.Status, snapshot.AssigneeId, snapshot.AssigneeType, local.ReclaimedAssigneeId) == Ownership.Bot
            ? snapshot
            : null;
    }
}
