using Assistant.Engine.Storage;
using Dapper;
using Npgsql;

namespace Assistant.Engine.Inbox;

/// <summary>The durable queue of webhook events, shared safely by every instance on one database.</summary>
public sealed class InboxRepository(NpgsqlDataSource dataSource, TimeProvider clock) : IInboxLeases
{
    public const string NotificationChannel = "assistant_inbox";

    /// <summary>
    /// How an event that is pending again or new becomes its key's head: when the key is idle, or when the head is a
    /// later event. That happens when two events of a key are stored at once and the one that drew the smaller id
    /// commits second, and when a dead letter is replayed. A later head that is only waiting gives way; one that is
    /// running keeps its place and is marked, so that finishing it looks for the next event from the start of the
    /// key instead of after itself. Whether the head runs is read with a lock, which sees a claim made since this
    /// statement began; a head stored since then is invisible to the statement and counts as running, since it may
    /// have been claimed already (a plain read of either let the two events run side by side).
    /// </summary>
    private const string TakeHead = """
        ON CONFLICT (ordering_key) DO UPDATE
        SET (event_id, ready_at, rescan) = (
            SELECT CASE WHEN head.running THEN inbox_heads.event_id ELSE EXCLUDED.event_id END,
                   CASE WHEN head.running THEN inbox_heads.ready_at ELSE EXCLUDED.ready_at END,
                   inbox_heads.rescan OR head.running
            FROM (SELECT inbox_heads.event_id IS NOT NULL
                         AND coalesce((SELECT state = 'processing' FROM inbox_events WHERE id = inbox_heads.event_id FOR SHARE), true) AS running) head)
        WHERE inbox_heads.event_id IS NULL OR inbox_heads.event_id > EXCLUDED.event_id
        """;

    private const string ClaimSql = """
        WITH head AS (
            SELECT ordering_key, event_id FROM inbox_heads
            WHERE event_id IS NOT NULL AND ready_at <= @Now
            ORDER BY ready_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED),
        leased AS (
            UPDATE inbox_heads h SET ready_at = @LockedUntil
            FROM head WHERE h.ordering_key = head.ordering_key),
        claimed AS (
            UPDATE inbox_events e
            SET state = 'processing', attempts = e.attempts + 1, locked_by = @WorkerId, locked_until = @LockedUntil
            FROM head
            WHERE e.id = head.event_id
            RETURNING e.id, e.source, e.delivery_key, e.event_name, e.ordering_key, e.payload::text AS payload,
                      e.attempts, e.received_at, e.trace_parent)
        SELECT claimed.*,
               CASE WHEN claimed.id IS NOT NULL
                    THEN (SELECT count(*) FROM (SELECT 1 FROM inbox_heads WHERE event_id IS NOT NULL AND ready_at <= @Now LIMIT 2) due) > 1
                    ELSE false END AS more_due,
               CASE WHEN claimed.id IS NULL
                    THEN (SELECT min(ready_at) FROM inbox_heads WHERE event_id IS NOT NULL) END AS next_due
        FROM (SELECT 1) one LEFT JOIN claimed ON true
        """;

    private const string CompleteSql = """
        UPDATE inbox_events
        SET state = 'done', finished_at = @Now, locked_by = NULL, locked_until = NULL, last_error = NULL
        WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
        RETURNING ordering_key
        """;

    // Every statement that changes a claimed event locks its key's head row first, so two of them never wait for each
    // other's locks in opposite orders. It selects no column: a batch reads rows only of the statements that have
    // columns (SqlBatch), and the claim riding with a completion is read from the same batch.
    private const string LockHeadOfEventSql =
        "SELECT FROM inbox_heads WHERE ordering_key = (SELECT ordering_key FROM inbox_events WHERE id = @Id) FOR UPDATE";

    // Each key's earliest new event becomes its head when the key has nothing unfinished (or, see TakeHead, only
    // later events). The upsert locks the key's head row even when it leaves it alone, so a worker advancing that
    // head waits for this insert and then sees the event.
    private const string AddManyStatements = $"""
        WITH incoming AS (
            SELECT * FROM unnest(@Sources, @DeliveryKeys, @EventNames, @OrderingKeys, @Payloads, @NotBefores::timestamptz[], @TraceParents)
                WITH ORDINALITY AS i(source, delivery_key, event_name, ordering_key, payload, not_before, trace_parent, n)),
        inserted AS (
            INSERT INTO inbox_events (source, delivery_key, event_name, ordering_key, payload, next_attempt_at, trace_parent)
            SELECT source, delivery_key, event_name, ordering_key, payload::jsonb, coalesce(not_before, now()), trace_parent
            FROM incoming
            ORDER BY n
            ON CONFLICT ON CONSTRAINT inbox_events_delivery_unique DO NOTHING
            RETURNING id, source, delivery_key, ordering_key, next_attempt_at),
        heads AS (
            INSERT INTO inbox_heads (ordering_key, event_id, ready_at)
            SELECT DISTINCT ON (ordering_key) ordering_key, id, next_attempt_at FROM inserted ORDER BY ordering_key, id
            {TakeHead}),
        woken AS (
            SELECT pg_notify('{NotificationChannel}', '') WHERE EXISTS (SELECT 1 FROM inserted WHERE next_attempt_at <= now()))
        """;

    private const string AddManySql = AddManyStatements + "\nSELECT source, delivery_key FROM inserted, (SELECT count(*) FROM woken) notified";

    // In a caller's batch nothing is read back, so no column is selected (see LockHeadOfEventSql).
    private const string AddManyInBatchSql = AddManyStatements + "\nSELECT FROM inserted, (SELECT count(*) FROM woken) notified";

    private static object AddManyParameters(IReadOnlyList<NewInboxEvent> events) => new
    {
        Sources = events.Select(e => e.Source).ToArray(),
        DeliveryKeys = events.Select(e => e.DeliveryKey).ToArray(),
        EventNames = events.Select(e => e.EventName).ToArray(),
        OrderingKeys = events.Select(e => e.OrderingKey).ToArray(),
        Payloads = events.Select(e => e.Payload).ToArray(),
        NotBefores = events.Select(e => e.NotBefore).ToArray(),
        TraceParents = events.Select(e => e.TraceParent).ToArray(),
    };

    /// <summary>Stores the event unless the same delivery was stored before; wakes the workers on commit.</summary>
    /// <returns><c>true</c> when stored, <c>false</c> for a duplicate delivery.</returns>
    public async Task<bool> TryAddAsync(NewInboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await TryAddManyAsync([inboxEvent], connection, null, cancellationToken))[0];
    }

    /// <summary>
    /// The same, inside the caller's transaction: the event exists exactly when the caller's work commits. An event
    /// that waits (a debounced turn) wakes nobody: the worker that scheduled it claims again once it settles, finds
    /// nothing due and sleeps until the first head falls due.
    /// </summary>
    public async Task<bool> TryAddAsync(NewInboxEvent inboxEvent, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await TryAddManyAsync([inboxEvent], connection, transaction, cancellationToken))[0];

    /// <summary>
    /// Stores several events in one statement (one round trip, one commit), in list order; for each, whether it was
    /// stored (<c>false</c>: the delivery was stored before, or earlier in the list). Workers are woken once.
    /// </summary>
    public async Task<bool[]> TryAddManyAsync(
        IReadOnlyList<NewInboxEvent> events, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var inserted = (await connection.QueryAsync<(string Source, string DeliveryKey)>(
            new CommandDefinition(AddManySql, AddManyParameters(events), transaction, cancellationToken: cancellationToken))).ToHashSet();

        // A delivery listed twice was stored once: the first of them takes it.
        return [.. events.Select(e => inserted.Remove((e.Source, e.DeliveryKey)))];
    }

    /// <summary>The same, as a statement of the caller's batch, whose transaction the events then belong to.</summary>
    public static void AddTryAdd(SqlBatch batch, IReadOnlyList<NewInboxEvent> events) =>
        batch.Execute(AddManyInBatchSql, AddManyParameters(events));

    /// <summary>
    /// Claims the head that fell due first, so one key's events run one at a time and in order while other keys
    /// proceed in parallel. A head whose lease ran out (its instance died) is due again and is claimed like any other.
    /// The claim reads one row of <c>inbox_heads</c> whatever the depth of the queue.
    /// </summary>
    public async Task<InboxEvent?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken) =>
        (await ClaimAsync(workerId, lease, cancellationToken)).Event;

    /// <summary>
    /// The same, also saying whether another head was due at that moment, for an idle worker to take, and, when
    /// nothing was claimed, when the first head falls due (<see cref="NextDueAsync"/>, in the same round trip).
    /// </summary>
    public async Task<InboxClaim> ClaimAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return ToClaim(await connection.QuerySingleAsync<ClaimRow>(new CommandDefinition(
            ClaimSql, new { WorkerId = workerId, Now = now, LockedUntil = now + lease }, cancellationToken: cancellationToken)));
    }

    /// <summary>
    /// Adds the same claim to <paramref name="batch"/>, so that a worker finishing an event in a batch gets its next
    /// one in that round trip (see <see cref="InboxCompletion"/>); read the claim once the batch has run.
    /// </summary>
    public Func<InboxClaim> AddClaim(SqlBatch batch, string workerId, TimeSpan lease)
    {
        var now = clock.GetUtcNow();
        var rows = batch.Query<ClaimRow>(ClaimSql, new { WorkerId = workerId, Now = now, LockedUntil = now + lease });
        return () => ToClaim(rows.Rows.Single());
    }

    private static InboxClaim ToClaim(ClaimRow row) => row.Id is not { } id
        ? new InboxClaim(null, MoreDue: false, row.NextDue)
        : new InboxClaim(new InboxEvent(id, row.Source!, row.DeliveryKey!, row.EventName!, row.OrderingKey!, row.Payload!, row.Attempts!.Value, row.ReceivedAt!.Value, row.TraceParent), row.MoreDue, NextDue: null);

    /// <summary>
    /// When an idle worker next has something to claim: the first head to fall due (a debounced turn, a retry) or to
    /// lose its lease; <c>null</c> when no key has unfinished events. An event queued behind a head is not counted:
    /// the worker finishing the head looks for more at once.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT min(ready_at) FROM inbox_heads WHERE event_id IS NOT NULL", cancellationToken: cancellationToken));
    }

    /// <summary>Extends a claim still held by this worker; <c>false</c> means the claim was lost.</summary>
    public async Task<bool> ExtendLeaseAsync(long id, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var parameters = new { Id = id, WorkerId = workerId, LockedUntil = clock.GetUtcNow() + lease };
        var batch = new SqlBatch();
        batch.Execute(LockHeadOfEventSql, parameters);
        var extended = batch.Execute("""
            WITH extended AS (
                UPDATE inbox_events SET locked_until = @LockedUntil
                WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
                RETURNING ordering_key)
            UPDATE inbox_heads h SET ready_at = @LockedUntil
            FROM extended WHERE h.ordering_key = extended.ordering_key AND h.event_id = @Id
            """, parameters);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
        return extended.RecordsAffected == 1;
    }

    public async Task<bool> CompleteAsync(long id, string workerId, CancellationToken cancellationToken) =>
        await FinishAndAdvanceAsync(CompleteSql, new { Id = id, WorkerId = workerId, Now = clock.GetUtcNow() }, cancellationToken);

    /// <summary>Schedules another attempt, releasing the claim so later events of the key stay blocked behind it.</summary>
    public async Task<bool> RetryLaterAsync(long id, string workerId, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH released AS (
                UPDATE inbox_events
                SET state = 'pending', next_attempt_at = @NextAttemptAt, locked_by = NULL, locked_until = NULL, last_error = @Error
                WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
                RETURNING ordering_key, next_attempt_at)
            UPDATE inbox_heads h SET ready_at = released.next_attempt_at
            FROM released WHERE h.ordering_key = released.ordering_key AND h.event_id = @Id
            """;
        return await FinishAsync(sql, new { Id = id, WorkerId = workerId, NextAttemptAt = nextAttemptAt, Error = error }, cancellationToken);
    }

    /// <summary>Puts the event back to run at <paramref name="nextAttemptAt"/> without counting this attempt.</summary>
    public async Task<bool> DeferAsync(long id, string workerId, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH released AS (
                UPDATE inbox_events
                SET state = 'pending', next_attempt_at = @NextAttemptAt, locked_by = NULL, locked_until = NULL, last_error = @Reason,
                    attempts = greatest(attempts - 1, 0)
                WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
                RETURNING ordering_key, next_attempt_at)
            UPDATE inbox_heads h SET ready_at = released.next_attempt_at
            FROM released WHERE h.ordering_key = released.ordering_key AND h.event_id = @Id
            """;
        return await FinishAsync(sql, new { Id = id, WorkerId = workerId, NextAttemptAt = nextAttemptAt, Reason = reason }, cancellationToken);
    }

    /// <summary>Gives up on the event; it stays in the table for inspection and replay, and stops blocking its key.</summary>
    public async Task<bool> DeadLetterAsync(long id, string workerId, string error, CancellationToken cancellationToken)
    {
        const string finish = """
            UPDATE inbox_events
            SET state = 'dead', finished_at = @Now, locked_by = NULL, locked_until = NULL, last_error = @Error
            WHERE id = @Id AND state = 'processing' AND locked_by = @WorkerId
            RETURNING ordering_key
            """;
        return await FinishAndAdvanceAsync(finish, new { Id = id, WorkerId = workerId, Now = clock.GetUtcNow(), Error = error }, cancellationToken);
    }

    /// <summary>Puts dead-lettered events back in the queue (all of them, or one).</summary>
    public async Task<int> ReplayDeadAsync(long? id, CancellationToken cancellationToken)
    {
        const string sql = $"""
            WITH replayed AS (
                UPDATE inbox_events
                SET state = 'pending', attempts = 0, next_attempt_at = @Now, finished_at = NULL
                WHERE state = 'dead' AND (@Id::bigint IS NULL OR id = @Id)
                RETURNING id, ordering_key),
            heads AS (
                INSERT INTO inbox_heads (ordering_key, event_id, ready_at)
                SELECT DISTINCT ON (ordering_key) ordering_key, id, @Now FROM replayed ORDER BY ordering_key, id
                {TakeHead})
            SELECT count(*) FROM replayed
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { Id = id, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Deletes processed events finished before <paramref name="before"/>, and the head rows of keys with nothing
    /// unfinished; dead letters are kept longer (<see cref="PurgeDeadAsync"/>).
    /// </summary>
    public async Task<int> PurgeDoneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH idle_keys AS (DELETE FROM inbox_heads WHERE event_id IS NULL)
            DELETE FROM inbox_events WHERE state = 'done' AND finished_at < @Before
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = before }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes dead letters that died before <paramref name="before"/> (<c>Inbox__KeepDead</c>): kept long enough to replay, not forever.</summary>
    public async Task<int> PurgeDeadAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbox_events WHERE state = 'dead' AND finished_at < @Before", new { Before = before }, cancellationToken: cancellationToken));
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

    /// <summary>
    /// Finishes a head event and hands its key's head to the key's earliest waiting event (or leaves the key idle), in
    /// one transaction. The head row is locked first, in a statement of its own: an insert for the same key that holds
    /// the lock has committed by the time the next statement looks for the new head, so no event is left headless.
    /// The next event is looked for after the finished one (the index still holds the entries of all that ran before
    /// it until vacuum), or from the start of the key when an earlier event arrived or came back while it ran.
    /// </summary>
    private async Task<bool> FinishAndAdvanceAsync(string finish, object parameters, CancellationToken cancellationToken)
    {
        // One round trip: the statements of a batch run in one implicit transaction, so the lock holds to its end.
        var batch = new SqlBatch();
        var advanced = AddFinishAndAdvance(batch, finish, parameters);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
        return advanced.RecordsAffected == 1;
    }

    /// <summary>
    /// Adds to <paramref name="batch"/> the completion of a claimed event, so that a handler commits its event's
    /// effects and its completion together (see <see cref="InboxCompletion"/>).
    /// </summary>
    /// <returns>The statement that affected one row exactly when this worker still held the claim.</returns>
    public NpgsqlBatchCommand AddComplete(SqlBatch batch, long id, string workerId) =>
        AddFinishAndAdvance(batch, CompleteSql, new { Id = id, WorkerId = workerId, Now = clock.GetUtcNow() });

    private static NpgsqlBatchCommand AddFinishAndAdvance(SqlBatch batch, string finish, object parameters)
    {
        batch.Execute(LockHeadOfEventSql, parameters);
        return batch.Execute($"""
            WITH finished AS ({finish})
            UPDATE inbox_heads h
            SET (event_id, ready_at, rescan) = (
                SELECT next.id, coalesce(next.next_attempt_at, 'infinity'), false
                FROM (SELECT 1) one
                LEFT JOIN LATERAL (
                    SELECT id, next_attempt_at FROM inbox_events
                    WHERE ordering_key = h.ordering_key AND state = 'pending' AND id > CASE WHEN h.rescan THEN 0 ELSE @Id END
                    ORDER BY id
                    LIMIT 1) next ON true)
            FROM finished
            WHERE h.ordering_key = finished.ordering_key AND h.event_id = @Id
            """, parameters);
    }

    private async Task<bool> FinishAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }

    // Every column of the claimed event is null when nothing was claimed.
    private sealed record ClaimRow(
        long? Id, string? Source, string? DeliveryKey, string? EventName, string? OrderingKey, string? Payload, int? Attempts,
        DateTimeOffset? ReceivedAt, string? TraceParent, bool MoreDue, DateTimeOffset? NextDue);
}
