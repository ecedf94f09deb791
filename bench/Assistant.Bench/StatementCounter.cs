using System.Globalization;
using Npgsql;

namespace Assistant.Bench;

/// <summary>
/// The statements one database ran over a measured window, from PostgreSQL's <c>pg_stat_statements</c>: how many each
/// kind, and the time PostgreSQL spent on each. The bench cluster preloads the module (bench/run.sh); on a cluster
/// without it the counter says so and the measure runs without it.
/// </summary>
public sealed class StatementCounter
{
    private readonly string _connection;

    private StatementCounter(string connection) => _connection = connection;

    /// <summary>Starts counting from zero; null (with the reason on stderr) when the cluster did not load the module.</summary>
    public static async Task<StatementCounter?> StartAsync(string connection)
    {
        try
        {
            await using var session = new NpgsqlConnection(connection);
            await session.OpenAsync();
            await using var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", session);
            await reset.ExecuteNonQueryAsync();
            return new StatementCounter(connection);
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"  statements not counted: {e.MessageText} (start the cluster with POSTGRES_OPTIONS='-c shared_preload_libraries=pg_stat_statements')");
            return null;
        }
    }

    /// <summary>
    /// The statements this database ran since the start, most frequent first; the counter's own and the harness's
    /// (marked <c>/* bench */</c>) left out.
    /// </summary>
    public async Task<IReadOnlyList<Statement>> ReadAsync()
    {
        await using var session = new NpgsqlConnection(_connection);
        await session.OpenAsync();
        await using var read = new NpgsqlCommand(
            """
            SELECT s.query, s.calls, s.total_exec_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_statements%' AND s.query NOT LIKE '%/* bench */%'
            ORDER BY s.calls DESC, s.total_exec_time DESC
            """, session);
        await using var reader = await read.ExecuteReaderAsync();
        var statements = new List<Statement>();
        while (await reader.ReadAsync())
        {
            statements.Add(new Statement(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2)));
        }

        return statements;
    }

    /// <summary>
    /// Prints statements per unit of work (a turn, an event) and the most frequent ones as a Markdown table, to
    /// <paramref name="output"/> (standard output by default).
    /// </summary>
    public static void Print(IReadOnlyList<Statement> statements, int units, string unit, int top = 15, TextWriter? output = null)
    {
        output ??= Console.Out;
        var calls = statements.Sum(s => s.Calls);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"statements per {unit} (pg_stat_statements over {units} {Plural(unit)}): {(double)calls / units:F1}, PostgreSQL execution {statements.Sum(s => s.TotalMs) / units:F2} ms per {unit}"));
        output.WriteLine($"| statement | per {unit} | mean ms |");
        output.WriteLine("|---|---:|---:|");
        foreach (var statement in statements.Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{Shorten(statement.Query)}` | {statement.Calls / (double)units:F2} | {statement.TotalMs / statement.Calls:F3} |"));
        }
    }

    private static string Plural(string unit) => unit.EndsWith('h') ? unit + "es" : unit + "s";

    // One line, pipes escaped, long statements cut: enough to find the statement in the source.
    private static string Shorten(string query)
    {
        var line = string.Join(' ', query.Split(['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        return line.Length <= 90 ? line : line[..87] + "...";
    }

    public sealed record Statement(string Query, long Calls, double TotalMs);
}
