using System.Diagnostics;
using Npgsql;

namespace Assistant.Bench;

/// <summary>Watches the service's inbox from outside: how many events are done, and when nothing is left to do.</summary>
public sealed class QueueProbe(NpgsqlConnection connection) : IAsyncDisposable
{
    public static async Task<QueueProbe> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return new QueueProbe(connection);
    }

    public async Task<long> DoneAsync()
    {
        await using var done = new NpgsqlCommand("SELECT count(*) FROM inbox_events WHERE state = 'done' /* bench */", connection);
        return (long)(await done.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// How many webhooks shared each group-commit <c>INSERT</c> (events stored in one transaction share its start
    /// time, <c>received_at</c>'s default): median, 99th percentile and largest batch.
    /// </summary>
    public async Task<(double P50, double P99, double Max)> IntakeBatchSizesAsync()
    {
        await using var sizes = new NpgsqlCommand("""
            SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n), percentile_disc(0.99) WITHIN GROUP (ORDER BY n), max(n)
            FROM (SELECT count(*) AS n FROM inbox_events GROUP BY received_at) batches /* bench */
            """, connection);
        await using var reader = await sizes.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Waits until no event is pending or running; returns how long that took.</summary>
    public async Task<TimeSpan> WaitUntilDrainedAsync(TimeSpan timeout)
    {
        // A key with unfinished events has a head; counting the events instead would cost the drain measurable CPU.
        await using var unfinished = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM inbox_heads WHERE event_id IS NOT NULL) /* bench */", connection);
        var waited = Stopwatch.StartNew();
        while ((bool)(await unfinished.ExecuteScalarAsync())!)
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"the inbox did not drain in {timeout}");
            }

            await Task.Delay(20);
        }

        return waited.Elapsed;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
