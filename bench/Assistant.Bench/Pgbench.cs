using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Assistant.Bench;

/// <summary>
/// The database's own rate on this cluster, the reference the intake and backlog figures are ratios of: pgbench
/// inserting single rows of the webhook's size into a jsonb table, with the load generator's concurrency.
/// </summary>
public static class Pgbench
{
    public const int Clients = 32;

    /// <summary>pgbench inserting rows of the webhook's size into a jsonb table, 32 clients, on the same cluster.</summary>
    public static async Task<double> InsertRateAsync(BenchSettings settings)
    {
        var database = await BenchDatabase.CreateAsync(settings.Postgres, "pgbench");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, delivery_key text UNIQUE, payload jsonb)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(Path.GetTempPath(), $"bench-insert-{Environment.ProcessId}.sql");
        var payload = Webhooks.HumanOwnedPayload(1, "Hi, where is my order #1042?").Replace("'", "''", StringComparison.Ordinal);
        await File.WriteAllTextAsync(script, $"INSERT INTO bench_rows (delivery_key, payload) VALUES (gen_random_uuid()::text, '{payload}'::jsonb);\n");
        var builder = new NpgsqlConnectionStringBuilder(database);
        var start = new ProcessStartInfo(Executable(), ["-n", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", "8", "-f", script,
            "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench printed no tps:{Environment.NewLine}{output}");
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string Executable() =>
        File.Exists("/usr/lib/postgresql/15/bin/pgbench") ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench";
}
