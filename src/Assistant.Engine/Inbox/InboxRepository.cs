using Dapper;
using Npgsql;

namespace Assistant.Engine.Inbox;

/// <summary>The durable queue of webhook events, shared safely by every instance on one database.</summary>
public sealed class InboxRepository(NpgsqlDataSource dataSource, TimeProvider clock) : IInboxLeases
{
    public const string NotificationChannel = "assistant_inbox";

    /// <summary>The event <c>e</c> is not queued behind an unfinished earlier event of its ordering key.</summary>
    private const string Unblocked = """
        NOT EXISTS (
            SELECT 1 FROM inbox_events earlier
            WHERE earlier.ordering_key = e.ordering_key
              AND earlier.id < e.id
              AND earlier.state IN ('pending', 'processing'))
        """;

    /// <summary>Stores the event unless the same delivery was stored before; wakes the workers on commit.</summary>
    /// <returns><c>true</c> when stored, <c>false</c> for a duplicate delivery.</returns>
    public async Task<bool> TryAddAsync(NewInboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await TryAddAsync(inboxEvent, connection, null, cancellationToken);
    }

    /// <summary>
    /// The same, inside the caller's transaction: the event exists exactly when the caller's work commits. An event
    /// that waits (a debounced turn) wakes nobody: it is scheduled while an event is processed, and the worker that
    /// settles that event wakes this instance's idle workers, which then sleep until it falls due.
    /// </summary>
    public async Task<bool> TryAddAsync(NewInboxEvent inboxEvent, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        const string sql = $"""
            WITH inserted AS (
                INSERT INTO inbox_events (source, delivery_key, event_name, ordering_key, payload, next_attempt_at)
                VALUES (@Source, @DeliveryKey, @EventName, @OrderingKey, @Payload::jsonb, COALESCE(@NotBefore, now()))
                ON CONFLICT ON CONSTRAINT inbox_events_delivery_unique DO NOTHING
                RETURNING id)
            SELECT CASE WHEN @NotBefore IS NULL OR @NotBefore <= now() THEN pg_notify('{NotificationChannel}', '') END
            FROM inserted
            """;
        var rows = await connection.QueryAsync(new CommandDefinition(sql, inboxEvent, transaction, cancellationToken: cancellationToken));
        return rows.Any();
    }

    /// <summary>
    /// Claims the runnable event that fell due first whose ordering key has no earlier unfinished event, so one
    /// conversation's events run one at a time and in order while other conversations proceed in parallel. A claim
    /// whose lease ran out (its instance died) goes back to pending first and is claimed like any other event.
    /// </summary>
    public async Task<InboxEvent?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = $"""
            UPDATE inbox_events SET state = 'pending', locked_by = NULL, locked_until = NULL
            WHERE state = 'processing' AND locked_until < @Now;

            WITH candidate AS (
                SELECT e.id
                FROM inbox_events e
                WHERE e.state = 'pending' AND e.next_attempt_at <= @Now AND {Unblocked}
                ORDER BY e.next_attempt_at, e.id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE inbox_events e
            SET state = 'processing', attempts = e.attempts + 1, locked_by = @WorkerId, locked_until = @LockedUntil
            FROM candidate
            WHERE e.id = candidate.id
            RETURNING e.id, e.source, e.delivery_key, e.event_name, e.ordering_key, e.payload::text AS payload,
                      e.attempts, e.received_at
            """;
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InboxEvent>(new CommandDefinition(
            sql, new { WorkerId = workerId, Now = now, LockedUntil = now + lease }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// When an idle worker next has something to claim: the first waiting event not blocked behind its conversation's
    /// unfinished one (a debounced turn, a retry), or the first lease to run out; <c>null</c> when neither exists. An
    /// event blocked behind one in flight is not counted: the worker finishing that one looks for more at once.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT least(
                (SELECT e.next_attempt_at FROM inbox_events e
                 WHERE e.state = 'pending' AND {Unblocked}
                 ORDER BY e.next_attempt_at, e.id
                 LIMIT 1),
                (SELECT min(locked_until) FROM inbox_events WHERE state = 'processing'))
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    /// <summary>Extends a claim still held by this worker; <c>false</c> means the claim was lost.</summary>
    public async Task<bool> ExtendLeaseAsync(long id, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE inbox_events SET locked_until = @LockedUntil
            WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { Id = id, WorkerId = workerId, LockedUntil = clock.GetUtcNow() + lease }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> CompleteAsync(long id, string workerId, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE inbox_events
            SET state = 'done', finished_at = @Now, locked_by = NULL, locked_until = NULL, last_error = NULL
            WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
            """;
        return await FinishAsync(sql, new { Id = id, WorkerId = workerId, Now = clock.GetUtcNow() }, cancellationToken);
    }

    /// <summary>Schedules another attempt, releasing the claim so later events of the key stay blocked behind it.</summary>
    public async Task<bool> RetryLaterAsync(long id, string workerId, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE inbox_events
            SET state = 'pending', next_attempt_at = @NextAttemptAt, locked_by = NULL, locked_until = NULL, last_error = @Error
            WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
            """;
        return await FinishAsync(sql, new { Id = id, WorkerId = workerId, NextAttemptAt = nextAttemptAt, Error = error }, cancellationToken);
    }

    /// <summary>Puts the event back to run at <paramref name="nextAttemptAt"/> without counting this attempt.</summary>
    public async Task<bool> DeferAsync(long id, string workerId, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE inbox_events
            SET state = 'pending', next_attempt_at = @NextAttemptAt, locked_by = NULL, locked_until = NULL, last_error = @Reason,
                attempts = greatest(attempts - 1, 0)
            WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
            """;
        return await FinishAsync(sql, new { Id = id, WorkerId = workerId, NextAttemptAt = nextAttemptAt, Reason = reason }, cancellationToken);
    }

    /// <summary>Gives up on the event; it stays in the table for inspection and replay, and stops blocking its key.</summary>
    public async Task<bool> DeadLetterAsync(long id, string workerId, string error, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE inbox_events
            SET state = 'dead', finished_at = @Now, locked_by = NULL, locked_until = NULL, last_error = @Error
            WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
            """;
        return await FinishAsync(sql, new { Id = id, WorkerId = workerId, Now = clock.GetUtcNow(), Error = error }, cancellationToken);
    }

    /// <summary>Puts dead-lettered events back in the queue (all of them, or one).</summary>
    public async Task<int> ReplayDeadAsync(long? id, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE inbox_events
            SET state = 'pending', attempts = 0, next_attempt_at = @Now, finished_at = NULL
            WHERE state = 'dead' AND (@Id::bigint IS NULL OR id = @Id)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes processed events finished before <paramref name="before"/>; dead letters stay until replayed or removed by hand.</summary>
    public async Task<int> PurgeDoneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbox_events WHERE state = 'done' AND finished_at < @Before", new { Before = before }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<InboxEventStatus>> ListAsync(string? state, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, source, event_name, ordering_key, state, attempts, received_at, finished_at, last_error
            FROM inbox_events
            WHERE @State::text IS NULL OR state = @State
            ORDER BY id
            LIMIT @Limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxEventStatus>(new CommandDefinition(
            sql, new { State = state, Limit = limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private async Task<bool> FinishAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }
}
