using Assistant.Engine.Telemetry;
using Dapper;
using Npgsql;

namespace Assistant.Host.Telemetry;

/// <summary>
/// Reads the inbox's depth and the wait of its oldest due event every few seconds for the gauges, so a metrics
/// collection never queries the database itself. Runs only when telemetry is exported.
/// </summary>
internal sealed partial class InboxGaugeSampler(NpgsqlDataSource dataSource, ILogger<InboxGaugeSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private const string Sql = """
        SELECT (SELECT count(*) FROM inbox_events WHERE state IN ('pending', 'processing')) AS depth,
               coalesce((SELECT extract(epoch FROM now() - min(next_attempt_at))::float8 FROM inbox_events
                         WHERE state = 'pending' AND next_attempt_at <= now()), 0) AS oldest_age_seconds
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                var (depth, age) = await connection.QuerySingleAsync<(long, double)>(new CommandDefinition(Sql, cancellationToken: stoppingToken));
                AssistantTelemetry.RecordInbox(new InboxGauge(depth, age));
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                Log.SampleFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 61, Level = LogLevel.Debug, Message = "Could not read the inbox's size for the gauges.")]
        public static partial void SampleFailed(ILogger logger, Exception exception);
    }
}
