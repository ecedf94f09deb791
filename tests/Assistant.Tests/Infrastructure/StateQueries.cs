using Assistant.Engine.Conversations;
using Dapper;

namespace Assistant.Tests.Infrastructure;

/// <summary>Reads what the service stored, for assertions.</summary>
public static class StateQueries
{
    public static async Task<long> CountAsync(this TestDatabase database, string table)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    public static async Task ExecuteAsync(this TestDatabase database, string sql)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql);
    }

    /// <summary>The states of one source's inbox events (webhooks by default; turns are source <c>turn</c>), oldest first.</summary>
    public static async Task<IReadOnlyList<string>> InboxStatesAsync(this TestDatabase database, string source = "chatwoot")
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>("SELECT state FROM inbox_events WHERE source = @source ORDER BY id", new { source })).AsList();
    }

    public static async Task<ConversationState?> ConversationAsync(this TestDatabase database, long accountId, long conversationId) =>
        await new ConversationRepository(database.DataSource).GetAsync(accountId, conversationId, CancellationToken.None);

    public static async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(this TestDatabase database, long accountId, long conversationId) =>
        await new TranscriptRepository(database.DataSource).RecentAsync(accountId, conversationId, 1000, CancellationToken.None);

    /// <summary>
    /// Waits until no inbox event of any source is pending or processing, lifecycle timers set for later aside
    /// (<see cref="TimePassesAsync"/> brings them due); returns the states of <paramref name="source"/>'s events.
    /// </summary>
    public static async Task<IReadOnlyList<string>> InboxDrainedAsync(this TestDatabase database, string source = "chatwoot")
    {
        await Eventually.WaitForAsync(async () => await database.CountAsync("""
            inbox_events WHERE state = 'processing' OR (state = 'pending' AND NOT (source = 'timer' AND next_attempt_at > now()))
            """), n => n == 0, "the inbox to drain");
        return await database.InboxStatesAsync(source);
    }

    /// <summary>The lifecycle timers still waiting (follow-up, resolve, the watchdog's check), by purpose.</summary>
    public static async Task<IReadOnlyList<string>> WaitingTimersAsync(this TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<string>(
            "SELECT payload->>'purpose' FROM inbox_events WHERE source = 'timer' AND state = 'pending' ORDER BY next_attempt_at, id")).AsList();
    }

    /// <summary>
    /// The time until the <paramref name="purpose"/> timers fall due passes: they are made due now, as the clock
    /// would, and the inbox is woken as an insert would wake it.
    /// </summary>
    public static async Task TimePassesAsync(this TestDatabase database, string purpose)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            WITH due AS (
                UPDATE inbox_events SET next_attempt_at = now()
                WHERE source = 'timer' AND state = 'pending' AND payload->>'purpose' = @purpose
                RETURNING id, ordering_key)
            UPDATE inbox_heads h SET ready_at = now() FROM due WHERE h.ordering_key = due.ordering_key AND h.event_id = due.id;
            SELECT pg_notify('assistant_inbox', '');
            """, new { purpose });
    }

    /// <summary>The message ids of a conversation's transcript in the order they were written.</summary>
    public static async Task<IReadOnlyList<long>> TranscriptInsertionOrderAsync(this TestDatabase database, long accountId, long conversationId)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<long>(
            "SELECT message_id FROM transcript_messages WHERE account_id = @accountId AND conversation_id = @conversationId ORDER BY id",
            new { accountId, conversationId })).AsList();
    }

    /// <summary>The newest turn of a conversation, as recorded for operators.</summary>
    public static async Task<TurnRow> TurnRecordAsync(this TestDatabase database, long conversationId)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<TurnRow>(
            "SELECT mode, llm_rounds, prompt_tokens, completion_tokens, tools_called, outcome, latency_ms FROM turns WHERE conversation_id = @conversationId ORDER BY id DESC LIMIT 1",
            new { conversationId });
    }
}

public sealed record TurnRow(string Mode, int LlmRounds, int PromptTokens, int CompletionTokens, string[] ToolsCalled, string Outcome, int? LatencyMs);
