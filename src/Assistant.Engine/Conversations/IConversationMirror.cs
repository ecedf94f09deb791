using Assistant.Engine.Storage;

namespace Assistant.Engine.Conversations;

/// <summary>
/// Told about every change to a conversation's transcript or status, in the batch that records it, so a copy
/// elsewhere (the Zendesk bridge) follows durably. The engine runs with none registered.
/// </summary>
public interface IConversationMirror
{
    /// <param name="reason">What changed, unique per change (<c>line:{id}</c>, <c>status:…</c>): repeats are dropped.</param>
    void Schedule(SqlBatch batch, long accountId, long conversationId, string reason);
}
