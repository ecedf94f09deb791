using System.Reflection;
using Assistant.Engine.Configuration;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assistant.Engine.Storage;

/// <summary>
/// Applies the numbered, forward-only <c>.sql</c> scripts embedded in this assembly, each in its own
/// transaction with its journal row, under an advisory lock so concurrent instances migrate once. The journal keeps
/// each script's checksum: a script edited after it was applied stops the migration (and so the start), since the
/// databases it already ran on would silently differ from new ones. Rows journaled before checksums were kept get
/// the current script's on the next run.
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
                    applied_at  timestamptz NOT NULL DEFAULT now());
                ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text;
                """, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<(string Name, string? Checksum)>(new CommandDefinition(
                "SELECT script_name, checksum FROM schema_migrations", cancellationToken: cancellationToken))).ToDictionary(r => r.Name, r => r.Checksum);
            await CheckAppliedAsync(connection, applied, cancellationToken);

            var count = 0;
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Name)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (script_name, checksum) VALUES (@Name, @Checksum)", new { script.Name, script.Checksum }, transaction,
                    cancellationToken: cancellationToken));
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

    /// <summary>Refuses a script edited since it was applied; journals the checksum of one applied before checksums were kept.</summary>
    private static async Task CheckAppliedAsync(NpgsqlConnection connection, Dictionary<string, string?> applied, CancellationToken cancellationToken)
    {
        var edited = Scripts.Where(s => applied.TryGetValue(s.Name, out var sum) && sum is not null && sum != s.Checksum).Select(s => s.Name).ToList();
        if (edited.Count > 0)
        {
            throw new ConfigurationException(
                $"Migration {string.Join(", ", edited)} was edited after this database applied it: restore the script as it was and put the change in a new migration.");
        }

        foreach (var script in Scripts.Where(s => applied.TryGetValue(s.Name, out var sum) && sum is null))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE schema_migrations SET checksum = @Checksum WHERE script_name = @Name AND checksum IS NULL", new { script.Name, script.Checksum },
                cancellationToken: cancellationToken));
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

public sealed record MigrationScript(string Name, string Sql)
{
    /// <summary>SHA-256 of the script with its line endings made <c>\n</c>, so a checkout's line endings do not count as an edit.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
