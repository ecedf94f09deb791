using Dapper;
using Npgsql;

namespace Assistant.Tests.Builders;

/// <summary>Conversations as the turns and transcript tables record them, written straight into a test database for the report.</summary>
public sealed class ReportSeed(NpgsqlDataSource dataSource)
{
    private long _nextId = 1000;

    /// <summary>A conversation whose customer wrote at <paramref name="at"/> and got the bot's first reply <paramref name="replySeconds"/> later.</summary>
    public async Task<long> ConversationAsync(
        DateTimeOffset at, double replySeconds, string outcome, int tokens = 0, decimal cost = 0, string? reason = null,
        bool afterHours = false, bool modelFailure = false, string? budget = null, string mode = "llm")
    {
        var id = Interlocked.Increment(ref _nextId);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO conversations (account_id, conversation_id) VALUES (1, @Id)", new { Id = id });
        var input = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO transcript_messages (account_id, conversation_id, message_id, kind, role, content, sent_at, recorded_at)
            VALUES (1, @Id, @Id * 10, 'message', 'customer', 'hello', @At, @At) RETURNING id
            """, new { Id = id, At = at });
        await AddTurnAsync(connection, id, input, at, replySeconds, outcome, tokens, cost, reason, afterHours, modelFailure, budget, mode);
        return id;
    }

    /// <summary>A later turn in the same conversation.</summary>
    public async Task FollowUpAsync(long conversationId, DateTimeOffset at, string outcome, int tokens = 0, decimal cost = 0, string? reason = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var input = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO transcript_messages (account_id, conversation_id, message_id, kind, role, content, sent_at, recorded_at)
            VALUES (1, @Id, @MessageId, 'message', 'customer', 'and then', @At, @At) RETURNING id
            """, new { Id = conversationId, MessageId = Interlocked.Increment(ref _nextId) * 10, At = at });
        await AddTurnAsync(connection, conversationId, input, at, 5, outcome, tokens, cost, reason, false, false, null, "llm");
    }

    private static Task AddTurnAsync(
        NpgsqlConnection connection, long conversationId, long input, DateTimeOffset at, double replySeconds, string outcome, int tokens,
        decimal cost, string? reason, bool afterHours, bool modelFailure, string? budget, string mode) =>
        connection.ExecuteAsync("""
            WITH turn AS (
                INSERT INTO turns (account_id, conversation_id, last_input_id, state, outcome, mode, prompt_tokens, completion_tokens,
                                   model, cost, handoff_reason, after_hours, budget, error, started_at, finished_at, latency_ms)
                VALUES (1, @ConversationId, @Input, 'done', @Outcome, @Mode, @Prompt, @Completion, @Model, @Cost, @Reason, @AfterHours,
                        @Budget, @Error, @At + interval '1 second', @At + make_interval(secs => @Reply), 900)
                RETURNING id)
            INSERT INTO turn_actions (turn_id, seq, kind, payload, state, done_at)
            SELECT id, 0, 'message', '{}', 'done', @At + make_interval(secs => @Reply) FROM turn
            """, new
        {
            ConversationId = conversationId,
            Input = input,
            Outcome = outcome,
            Mode = modelFailure || budget is not null ? "offline" : mode,
            Prompt = tokens * 9 / 10,
            Completion = tokens - (tokens * 9 / 10),
            Model = mode == "llm" && budget is null ? "gpt-test" : null,
            Cost = cost,
            Reason = reason,
            AfterHours = afterHours,
            Budget = budget,
            Error = modelFailure ? "the language model failed (HttpRequestException)." : budget is not null ? "budget spent" : null,
            At = at,
            Reply = replySeconds,
        });
}
