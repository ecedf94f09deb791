using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Lifecycle;

/// <summary>
/// Whether the bot sends Chatwoot's CSAT survey when it resolves a conversation: <c>Assistant__Csat</c> says always,
/// never, or as the inbox's CSAT setting says. Chatwoot versions differ on surveying a conversation a bot resolves
/// (older ones send none); the bot's survey goes out just before the status change, and Chatwoot sends no second one
/// to a conversation that has one.
/// </summary>
public sealed class CsatPolicy(InboxFlags inboxes, IOptionsMonitor<AssistantOptions> options)
{
    public async Task<bool> AskAfterResolveAsync(ConversationState conversation, CancellationToken cancellationToken) => options.CurrentValue.Csat switch
    {
        "always" => true,
        "never" => false,
        _ => await inboxes.CsatEnabledAsync(conversation.AccountId, conversation.InboxId, cancellationToken),
    };
}
