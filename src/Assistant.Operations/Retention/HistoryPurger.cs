using Assistant.Engine.History;
using Dapper;
using Npgsql;

namespace Assistant.Operations.Retention;

/// <summary>
/// Deletes conversation history past <see cref="RetentionOptions.KeepHistory"/>, in batches so no purge holds long
/// locks: the engine's tables, and those other projects register as <see cref="HistoryPurgeStatement"/>s.
/// </summary>
public sealed class HistoryPurger(NpgsqlDataSource dataSource, IEnumerable<HistoryPurgeStatement> owned)
{
    private const int BatchSize = 5000;

    /// <returns>Rows deleted: transcript lines, turns (with their steps), and each registered statement's, by its name.</returns>
    public async Task<HistoryPurged> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        // A turn still running is kept whatever its age (its retry needs it), and so are the lines it answers.
        var turns = await RepeatAsync("""
            WITH old AS (
                SELECT id FROM turns WHERE state IN ('done', 'skipped') AND coalesce(finished_at, started_at) < @Before LIMIT @Batch),
            steps AS (DELETE FROM turn_actions WHERE turn_id IN (SELECT id FROM old))
            DELETE FROM turns WHERE id IN (SELECT id FROM old)
            """, before, cancellationToken);
        var lines = await RepeatAsync("""
            DELETE FROM transcript_messages
            WHERE id IN (SELECT m.id FROM transcript_messages m
                         WHERE m.recorded_at < @Before AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.last_input_id = m.id)
                         LIMIT @Batch)
            """, before, cancellationToken);
        // A CSAT rating (with the customer's feedback) goes with the rest of the conversation's history.
        await RepeatAsync("""
            DELETE FROM csat_responses WHERE (account_id, message_id) IN (SELECT account_id, message_id FROM csat_responses WHERE recorded_at < @Before LIMIT @Batch)
            """, before, cancellationToken);
        // Look-up misses count within Orders__MissWindow (30 days at most): older ones go, sooner with a shorter history.
        await RepeatAsync("""
            DELETE FROM order_lookup_events WHERE id IN (SELECT id FROM order_lookup_events WHERE at < greatest(@Before, now() - interval '31 days') LIMIT @Batch)
            """, before, cancellationToken);
        var others = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var statement in owned)
        {
            others[statement.Name] = await RepeatAsync(statement.Sql, before, cancellationToken);
        }

        return new HistoryPurged(lines, turns, others);
    }

    private async Task<int> RepeatAsync(string sql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = before, Batch = BatchSize }, cancellationToken: cancellationToken));
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}

/// <param name="Others">Rows each registered <see cref="HistoryPurgeStatement"/> deleted, by its name.</param>
public sealed record HistoryPurged(int Lines, int Turns, IReadOnlyDictionary<string, int> Others)
{
    public int Total => Lines + Turns + Others.Values.Sum();
}
