using Assistant.Engine.History;
using Dapper;
using Npgsql;

namespace Assistant.Operations.Reports;

/// <summary>
/// Everything that happened in one conversation, in order, read in one round trip: inbox events, transcript lines,
/// turns with their tool calls and gate verdicts, planned and executed steps, and what other projects add as
/// <see cref="TimelineSource"/>s (the Zendesk mirror's writes).
/// </summary>
public sealed class TimelineRepository(NpgsqlDataSource dataSource, IEnumerable<TimelineSource> sources)
{
    // A gate verdict is placed at the end of the model call whose answer it judged (the n-th answer of the turn);
    // tool calls stored before migration 0017 have no time and sort after their turn's start by position.
    private const string EngineEntries = """
            SELECT received_at AS at, 0 AS rank, 'event' AS kind,
                   event_name || ' · ' || state || CASE WHEN attempts > 1 THEN ' · ' || attempts || ' attempts' ELSE '' END AS title,
                   last_error AS detail, (extract(epoch FROM finished_at - received_at) * 1000)::float8 AS milliseconds
            FROM inbox_events WHERE ordering_key IN (@Key, 'turn:' || @Key, 'zendesk:' || @Key)
            UNION ALL
            SELECT recorded_at, 1, 'message', role || CASE WHEN kind = 'submission' THEN ' submitted a form' ELSE ' wrote' END, content, NULL
            FROM transcript_messages WHERE account_id = @AccountId AND conversation_id = @ConversationId
            UNION ALL
            SELECT started_at, 2, 'turn',
                   'turn ' || id || CASE WHEN purpose = 'answer' THEN '' ELSE ' (' || replace(purpose, '_', '-') || ')' END || ' · ' || coalesce(outcome, state) || coalesce(' · ' || mode, '') || coalesce(' · ' || model, ''),
                   concat_ws(E'\n',
                       'model rounds: ' || llm_rounds || ', tokens: ' || prompt_tokens || ' in / ' || completion_tokens || ' out, cost: ' || cost,
                       'tools: ' || nullif(array_to_string(tools_called, ', '), ''),
                       'handoff: ' || handoff_reason || CASE WHEN after_hours THEN ' (outside business hours)' ELSE '' END,
                       'budget spent: ' || budget,
                       'error: ' || error),
                   latency_ms::float8
            FROM turns WHERE account_id = @AccountId AND conversation_id = @ConversationId
            UNION ALL
            SELECT coalesce(c.started_at, t.started_at), 10 + c.seq, 'tool', c.name, c.arguments::text || E'\n→ ' || c.result, c.milliseconds
            FROM turn_tool_calls c JOIN turns t ON t.id = c.turn_id
            WHERE t.account_id = @AccountId AND t.conversation_id = @ConversationId
            UNION ALL
            SELECT r.started_at, 5, 'model', 'model round ' || (r.seq + 1) || ' · ' || r.finish,
                   r.input_tokens || ' tokens in, ' || r.output_tokens || ' out', r.milliseconds
            FROM turn_model_rounds r JOIN turns t ON t.id = r.turn_id
            WHERE t.account_id = @AccountId AND t.conversation_id = @ConversationId
            UNION ALL
            SELECT coalesce((SELECT r.started_at + make_interval(secs => r.milliseconds / 1000) FROM turn_model_rounds r
                             WHERE r.turn_id = t.id AND r.finish = 'answer' ORDER BY r.seq OFFSET v.n - 1 LIMIT 1), t.started_at),
                   1000 + v.n::int, 'gate',
                   CASE WHEN (v.verdict ->> 'passed')::boolean THEN 'reply gate: passed' ELSE 'reply gate: stopped the answer' END,
                   (SELECT string_agg((f ->> 'rule') || ': ' || (f ->> 'reason'), E'\n') FROM jsonb_array_elements(v.verdict -> 'failures') f), NULL
            FROM turns t, jsonb_array_elements(coalesce(t.gate, '[]')) WITH ORDINALITY AS v(verdict, n)
            WHERE t.account_id = @AccountId AND t.conversation_id = @ConversationId
            UNION ALL
            SELECT coalesce(a.attempted_at, a.done_at, t.started_at), 2000 + a.seq, 'step', a.kind || ' · ' || a.state, a.payload::text,
                   (extract(epoch FROM a.done_at - a.attempted_at) * 1000)::float8
            FROM turn_actions a JOIN turns t ON t.id = a.turn_id
            WHERE t.account_id = @AccountId AND t.conversation_id = @ConversationId
        """;

    private readonly string _sql = $"""
        SELECT at, rank, kind, title, detail, milliseconds FROM (
        {string.Join("\nUNION ALL\n", sources.Select(s => s.Sql).Prepend(EngineEntries))}) entries
        ORDER BY at, rank
        LIMIT @Limit OFFSET @Offset
        """;

    /// <summary>Entries a page shows: a long-running conversation is read a page at a time.</summary>
    public const int PageSize = 200;

    /// <summary>
    /// One page (from 1) of the conversation's timeline; the account is the one given, or the lowest that has this
    /// conversation. Null when the conversation is unknown or the page is past its end.
    /// </summary>
    public async Task<Timeline?> ReadAsync(long conversationId, long? accountId, int page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var account = accountId ?? await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT min(account_id) FROM conversations WHERE conversation_id = @ConversationId", new { ConversationId = conversationId }, cancellationToken: cancellationToken));
        if (account is not { } found)
        {
            return null;
        }

        var entries = await connection.QueryAsync<TimelineEntry>(new CommandDefinition(_sql, new
        {
            AccountId = found,
            ConversationId = conversationId,
            Key = Chatwoot.Webhooks.ChatwootEnvelope.ConversationKey(found, conversationId),
            Limit = PageSize + 1,
            Offset = (long)(page - 1) * PageSize,
        }, cancellationToken: cancellationToken));
        var list = entries.AsList();
        return list.Count == 0 ? null : new Timeline(found, conversationId, [.. list.Take(PageSize)], page, list.Count > PageSize);
    }
}

/// <param name="Page">Which page of <see cref="TimelineRepository.PageSize"/> entries this is, from 1.</param>
/// <param name="HasMore">Whether later entries are on the next page.</param>
public sealed record Timeline(long AccountId, long ConversationId, IReadOnlyList<TimelineEntry> Entries, int Page = 1, bool HasMore = false);

/// <summary>One thing that happened; <see cref="Milliseconds"/> is how long it took, when known.</summary>
public sealed record TimelineEntry(DateTimeOffset At, int Rank, string Kind, string Title, string? Detail, double? Milliseconds);
