using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;

namespace Assistant.Engine.Turns;

/// <summary>
/// Asks Chatwoot, not local state, whether the bot may speak: a human may have taken over a moment ago, or put the
/// stop label (<c>Handoff__StopLabel</c>) on the conversation. What Chatwoot does not record is read fresh from the
/// local state: a person's reply in a conversation Chatwoot leaves pending, and who held it before a reopening.
/// </summary>
/// <param name="conversations">Where the fresh local state is read; without it, the state the caller holds is used.</param>
internal sealed class OwnershipGuard(
    ChatwootClient chatwoot, Microsoft.Extensions.Options.IOptionsMonitor<HandoffOptions> handoff, ConversationRepository? conversations = null)
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

        var known = (conversations is null ? null : await conversations.GetAsync(local.AccountId, local.ConversationId, cancellationToken)) ?? local;
        return OwnershipPolicy.Of(snapshot.Status, snapshot.AssigneeId, snapshot.AssigneeType, known.ReclaimedAssigneeId, known.HeldByPeople) == Ownership.Bot
            ? snapshot
            : null;
    }
}
