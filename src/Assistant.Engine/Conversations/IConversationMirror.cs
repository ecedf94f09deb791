using Npgsql;

namespace Assistant.Engine.Conversations;

/// <summary>
/// Told about every change to a conversation's transcript or status, in the transaction that records it, so a copy
/// elsewhere (the Zendesk bridge) follows durably. The engine runs with none registered.
/// </summary>
public interface IConversationMirror
{
    /// <param name="reason">What changed, unique per change (<c>line:{id}</c>, <c>status:…</c>): repeats are dropped.</param>
    Task ScheduleAsync(long accountId, long conversationId, string reason, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
