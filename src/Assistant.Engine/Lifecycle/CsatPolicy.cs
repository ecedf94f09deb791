using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Lifecycle;

/// <summary>
/// Whether the bot sends Chatwoot's CSAT survey after it resolves a conversation (Chatwoot sends none for
/// conversations a bot resolves): <c>Assistant__Csat</c> says always, never, or as the inbox's CSAT setting says.
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
