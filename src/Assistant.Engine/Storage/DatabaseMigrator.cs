using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assistant.Engine.Storage;

/// <summary>
/// Applies the numbered, forward-only <c>.sql</c> scripts embedded in this assembly, each in its own
/// transaction with its journal row, under an advisory lock so concurrent instances migrate once.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Arbitrary but fixed: every instance of the assistant contends for the same lock.
    private const long AdvisoryLockKey = 7_305_118_244_001;
    private const string ResourcePrefix = "Assistant.Engine.Storage.Migrations.";

    public static IReadOnlyList<MigrationScript> Scripts { get; } = LoadScripts();

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    script_name text PRIMARY KEY,
                    applied_at  timestamptz NOT NULL DEFAULT now())
                """, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT script_name FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

            var count = 0;
            foreach (var script in Scripts.Where(s => !applied.Contains(s.Name)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (script_name) VALUES (@Name)", new { script.Name }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                Log.Applied(logger, script.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>The scripts not yet applied; empty when the schema is current.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: cancellationToken));
        if (!exists)
        {
            return Scripts.Select(s => s.Name).ToList();
        }

        var applied = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT script_name FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();
        return Scripts.Select(s => s.Name).Where(name => !applied.Contains(name)).ToList();
    }

    private static List<MigrationScript> LoadScripts()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new MigrationScript(name[ResourcePrefix.Length..^".sql".Length], Read(assembly, name)))
            .ToList();
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Applied migration {Script}.")]
        public static partial void Applied(ILogger logger, string script);
    }
}

public sealed record MigrationScript(string Name, string Sql);
