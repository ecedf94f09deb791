using Assistant.Engine.Storage;

namespace Assistant.Host.Workers;

/// <summary>Registered first, so the schema is current before anything else starts; waits out a database that is still starting.</summary>
internal sealed partial class MigrationHostedService(DatabaseMigrator migrator, IConfiguration configuration, ILogger<MigrationHostedService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + configuration.GetValue("Database:StartupTimeout", TimeSpan.FromSeconds(60));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (Npgsql.NpgsqlException ex) when (ex.IsTransient && DateTimeOffset.UtcNow < deadline)
            {
                Log.DatabaseNotReady(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "The database is not reachable yet (attempt {Attempt}): {Reason}")]
        public static partial void DatabaseNotReady(ILogger logger, int attempt, string reason);
    }
}
