using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Assistant.Zendesk;
using Microsoft.Extensions.Options;

namespace Assistant.Bridge;

/// <summary>
/// Queues the mirroring of a conversation to Zendesk, in the batch that records the change. The delay lets a
/// burst gather, and one conversation's mirroring runs one at a time, in order, through the durable inbox.
/// </summary>
public sealed class MirrorScheduler(IOptionsMonitor<ZendeskOptions> options, TimeProvider clock) : IConversationMirror
{
    public const string Source = "zendesk_mirror";

    public void Schedule(SqlBatch batch, long accountId, long conversationId, string reason)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return;
        }

        var payload = $$"""{"account_id":{{accountId}},"conversation_id":{{conversationId}}}""";
        InboxRepository.AddTryAdd(batch, [new NewInboxEvent(Source, $"mirror:{accountId}:{conversationId}:{reason}", "mirror_due",
            "zendesk:" + ChatwootEnvelope.ConversationKey(accountId, conversationId), payload, clock.GetUtcNow() + settings.CoalesceWindow)]);
    }
}
