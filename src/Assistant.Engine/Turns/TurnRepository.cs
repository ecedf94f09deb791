using System.Text.Json;
using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Dapper;
using Npgsql;

namespace Assistant.Engine.Turns;

public sealed class TurnRepository(NpgsqlDataSource dataSource)
{
    public async Task<TurnStart> StartingPointAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var conversation = ConversationRepository.AddGet(batch, accountId, conversationId);
        var unfinished = AddUnfinished(batch, accountId, conversationId);
        var pending = AddUnanswered(batch, accountId, conversationId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
        return new TurnStart(conversation.Rows.SingleOrDefault(), unfinished.Rows.SingleOrDefault(), pending.Rows);
    }

    /// <summary>Customer inputs after the newest one any turn took on, oldest first.</summary>
    public async Task<IReadOnlyList<PendingInput>> UnansweredAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var pending = AddUnanswered(batch, accountId, conversationId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
        return pending.Rows;
    }

    /// <summary>The same, as a statement of the caller's batch.</summary>
    public static SqlRows<PendingInput> AddUnanswered(SqlBatch batch, long accountId, long conversationId) =>
        batch.Query<PendingInput>("""
            SELECT t.id, t.message_id, t.kind, t.content, t.recorded_at
            FROM transcript_messages t
            WHERE t.account_id = @AccountId AND t.conversation_id = @ConversationId AND t.role = 'customer'
              AND t.id > COALESCE((SELECT max(last_input_id) FROM turns
                                   WHERE account_id = @AccountId AND conversation_id = @ConversationId), 0)
            ORDER BY t.id
            """, new { AccountId = accountId, ConversationId = conversationId });

    /// <summary>The customer inputs a turn answers: those after the previous turn's, up to its own last one.</summary>
    public async Task<IReadOnlyList<PendingInput>> InputsOfAsync(long accountId, long conversationId, TurnRecord turn, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT t.id, t.message_id, t.kind, t.content, t.recorded_at
            FROM transcript_messages t
            WHERE t.account_id = @AccountId AND t.conversation_id = @ConversationId AND t.role = 'customer'
              AND t.id <= @LastInputId
              AND t.id > COALESCE((SELECT max(last_input_id) FROM turns
                                   WHERE account_id = @AccountId AND conversation_id = @ConversationId AND id < @TurnId), 0)
            ORDER BY t.id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<PendingInput>(new CommandDefinition(sql,
            new { AccountId = accountId, ConversationId = conversationId, turn.LastInputId, TurnId = turn.Id }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The conversation's turn that an earlier attempt started but did not finish, if any.</summary>
    public async Task<TurnRecord?> UnfinishedAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var unfinished = AddUnfinished(batch, accountId, conversationId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
        return unfinished.Rows.SingleOrDefault();
    }

    /// <summary>The same, as a statement of the caller's batch.</summary>
    public static SqlRows<TurnRecord> AddUnfinished(SqlBatch batch, long accountId, long conversationId) =>
        batch.Query<TurnRecord>("""
            SELECT id, state, last_input_id, in_reply_to, purpose FROM turns
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND state IN ('running', 'planned')
            ORDER BY id LIMIT 1
            """, new { AccountId = accountId, ConversationId = conversationId });

    /// <summary>
    /// Starts the turn for <paramref name="purpose"/> that answers up to (or follows) <paramref name="lastInputId"/>, or
    /// finds the one a crashed attempt, or another instance, started.
    /// </summary>
    public async Task<TurnRecord> StartAsync(
        long accountId, long conversationId, long lastInputId, long? inReplyTo, CancellationToken cancellationToken, string purpose = TurnPurpose.Answer)
    {
        const string sql = """
            WITH inserted AS (
                INSERT INTO turns (account_id, conversation_id, last_input_id, in_reply_to, purpose)
                VALUES (@AccountId, @ConversationId, @LastInputId, @InReplyTo, @Purpose)
                ON CONFLICT ON CONSTRAINT turns_answer_once DO NOTHING
                RETURNING id, state, last_input_id, in_reply_to, purpose)
            SELECT * FROM inserted
            UNION ALL
            SELECT id, state, last_input_id, in_reply_to, purpose FROM turns
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND last_input_id = @LastInputId AND purpose = @Purpose
            LIMIT 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<TurnRecord>(new CommandDefinition(sql,
            new { AccountId = accountId, ConversationId = conversationId, LastInputId = lastInputId, InReplyTo = inReplyTo, Purpose = purpose },
            cancellationToken: cancellationToken));
    }

    /// <summary>The conversation's newest answer turn: what a follow-up or a resolve after a silence depends on.</summary>
    public async Task<(long LastInputId, string? Outcome)?> LastAnswerAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(long, string?)?>(new CommandDefinition("""
            SELECT last_input_id, outcome FROM turns
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND purpose = 'answer'
            ORDER BY id DESC LIMIT 1
            """, new { AccountId = accountId, ConversationId = conversationId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stores the plan and the cost of making it in one statement (one round trip, atomic); from here on the turn
    /// only resumes.
    /// </summary>
    /// <returns>The plan's steps as stored, none of them attempted yet: what <see cref="ActionsAsync"/> would read back.</returns>
    public async Task<IReadOnlyList<StoredAction>> SavePlanAsync(long turnId, IReadOnlyList<PlannedAction> actions, PlanFacts facts, CancellationToken cancellationToken)
    {
        var metrics = facts.Metrics;
        var calls = metrics.ToolCalls ?? [];
        var rounds = metrics.ModelRounds ?? [];
        const string sql = """
            WITH actions AS (
                INSERT INTO turn_actions (turn_id, seq, kind, payload)
                SELECT @TurnId, a.seq - 1, a.kind, a.payload::jsonb
                FROM unnest(@Kinds, @Payloads) WITH ORDINALITY AS a(kind, payload, seq)),
            calls AS (
                INSERT INTO turn_tool_calls (turn_id, seq, name, arguments, result, milliseconds, started_at)
                SELECT @TurnId, c.seq - 1, c.name, c.arguments::jsonb, c.result, c.milliseconds, c.started_at
                FROM unnest(@CallNames, @CallArguments, @CallResults, @CallMilliseconds, @CallStarts::timestamptz[])
                    WITH ORDINALITY AS c(name, arguments, result, milliseconds, started_at, seq)),
            rounds AS (
                INSERT INTO turn_model_rounds (turn_id, seq, started_at, milliseconds, input_tokens, output_tokens, finish)
                SELECT @TurnId, r.seq - 1, r.started_at, r.milliseconds, r.input_tokens, r.output_tokens, r.finish
                FROM unnest(@RoundStarts::timestamptz[], @RoundMilliseconds, @RoundInputs, @RoundOutputs, @RoundFinishes)
                    WITH ORDINALITY AS r(started_at, milliseconds, input_tokens, output_tokens, finish, seq))
            UPDATE turns SET state = 'planned', mode = @Mode, llm_rounds = @Rounds, prompt_tokens = @PromptTokens,
                completion_tokens = @CompletionTokens, tools_called = @Tools, error = @Error, model = @Model, cost = @Cost,
                handoff_reason = @HandoffReason, budget = @Budget, after_hours = @AfterHours, gate = @Gate::jsonb
            WHERE id = @TurnId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            TurnId = turnId,
            Kinds = actions.Select(a => a.Kind).ToArray(),
            Payloads = actions.Select(a => JsonSerializer.Serialize(a, TurnJsonContext.Default.PlannedAction)).ToArray(),
            metrics.Mode,
            metrics.Rounds,
            metrics.PromptTokens,
            metrics.CompletionTokens,
            Tools = metrics.ToolsCalled.ToArray(),
            metrics.Error,
            facts.Model,
            facts.Cost,
            facts.HandoffReason,
            metrics.Budget,
            facts.AfterHours,
            Gate = metrics.Gate is { Count: > 0 } gate ? JsonSerializer.Serialize(gate, TurnJsonContext.Default.IReadOnlyListGateVerdict) : null,
            CallNames = calls.Select(c => c.Name).ToArray(),
            CallArguments = calls.Select(c => c.Arguments).ToArray(),
            CallResults = calls.Select(c => c.Result).ToArray(),
            CallMilliseconds = calls.Select(c => c.Milliseconds).ToArray(),
            CallStarts = calls.Select(c => c.StartedAt).ToArray(),
            RoundStarts = rounds.Select(r => r.StartedAt).ToArray(),
            RoundMilliseconds = rounds.Select(r => r.Milliseconds).ToArray(),
            RoundInputs = rounds.Select(r => r.InputTokens).ToArray(),
            RoundOutputs = rounds.Select(r => r.OutputTokens).ToArray(),
            RoundFinishes = rounds.Select(r => r.Finish).ToArray(),
        }, cancellationToken: cancellationToken));
        return [.. actions.Select((action, seq) => new StoredAction(seq, StepState.Pending, action, null))];
    }

    public async Task<IReadOnlyList<StoredAction>> ActionsAsync(long turnId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Seq, string State, string Payload, DateTime? AttemptedAt)>(new CommandDefinition(
            "SELECT seq, state, payload::text, attempted_at FROM turn_actions WHERE turn_id = @TurnId ORDER BY seq",
            new { TurnId = turnId }, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredAction(r.Seq, r.State, JsonSerializer.Deserialize(r.Payload, TurnJsonContext.Default.PlannedAction)!,
            r.AttemptedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null)).ToList();
    }

    public Task SetActionStateAsync(long turnId, int seq, string state, long? chatwootMessageId, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE turn_actions SET state = @State, chatwoot_message_id = COALESCE(@MessageId, chatwoot_message_id),
                attempted_at = CASE WHEN @State = 'attempted' THEN now() ELSE attempted_at END,
                done_at = CASE WHEN @State IN ('done', 'dropped') THEN now() ELSE done_at END
            WHERE turn_id = @TurnId AND seq = @Seq
            """, new { TurnId = turnId, Seq = seq, State = state, MessageId = chatwootMessageId }, cancellationToken);

    public Task DropPendingAsync(long turnId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE turn_actions SET state = 'dropped', done_at = now() WHERE turn_id = @TurnId AND state IN ('pending', 'attempted')",
            new { TurnId = turnId }, cancellationToken);

    /// <summary>Records how the turn ended, with the completion of its inbox event when given.</summary>
    /// <param name="next">Inbox events the finish sets (an answer's follow-up and resolve timers), in the same transaction.</param>
    public async Task FinishAsync(
        long turnId, string state, string outcome, string? error, InboxCompletion? completion, CancellationToken cancellationToken, IReadOnlyList<NewInboxEvent>? next = null)
    {
        var batch = new SqlBatch();
        batch.Execute("""
            UPDATE turns SET state = @State, outcome = @Outcome, error = COALESCE(@Error, error), finished_at = now(),
                latency_ms = (extract(epoch FROM now() - started_at) * 1000)::int
            WHERE id = @TurnId
            """, new { TurnId = turnId, State = state, Outcome = outcome, Error = error });
        if (next is { Count: > 0 })
        {
            InboxRepository.AddTryAdd(batch, next);
        }

        // Last, so the worker's next claim riding with the completion sees the events set above.
        completion?.AddTo(batch);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
    }

    /// <summary>
    /// The id of a bot message with this content that Chatwoot echoed back since <paramref name="since"/> and that no
    /// other step has claimed as its own delivery, if any.
    /// </summary>
    public async Task<long?> FindBotEchoAsync(long accountId, long conversationId, string content, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT message_id FROM transcript_messages
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND role IN ('bot', 'note')
              AND content = @Content AND recorded_at >= @Since
              AND NOT EXISTS (SELECT 1 FROM turn_actions a WHERE a.chatwoot_message_id = transcript_messages.message_id)
            ORDER BY id LIMIT 1
            """, new { AccountId = accountId, ConversationId = conversationId, Content = content, Since = since.AddSeconds(-5) }, cancellationToken: cancellationToken));
    }

    /// <summary>Which of these Chatwoot message ids a step already recorded as its delivery.</summary>
    public async Task<IReadOnlySet<long>> ClaimedMessageIdsAsync(IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT chatwoot_message_id FROM turn_actions WHERE chatwoot_message_id = ANY(@Ids)",
            new { Ids = messageIds.ToArray() }, cancellationToken: cancellationToken))).ToHashSet();
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
