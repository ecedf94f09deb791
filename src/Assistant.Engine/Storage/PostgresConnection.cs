using System.Data.Common;
using Assistant.Engine.Configuration;
using Npgsql;

namespace Assistant.Engine.Storage;

/// <summary>Reads and checks the connection strings, naming the setting when one is wrong.</summary>
public static class PostgresConnection
{
    public const string StateSetting = "ConnectionStrings__Postgres";
    public const string OrdersSetting = "ConnectionStrings__Orders";

    public static NpgsqlConnectionStringBuilder Parse(string? connectionString, string setting)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException($"{setting} is required (e.g. Host=localhost;Port=5432;Database=assistant;Username=assistant;Password=…).");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's message names the keyword, never the value, so it is safe to pass on.
            throw new ConfigurationException($"{setting} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ConfigurationException($"{setting} has no Host.");
        }

        return builder;
    }

    /// <summary>
    /// Turns PostgreSQL's JIT off for the service's sessions unless the connection string's Options name it: every
    /// statement here is a short look-up or write, and JIT compiles any plan whose estimate crosses jit_above_cost, an
    /// estimate a search over words overshoots by orders of magnitude. Measured: a product search on a 1,000-product
    /// catalog took 5 s, 4 of them compiling (bench/README.md, "Catalog and help-article search").
    /// </summary>
    public static void WithoutJit(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            connection.Options = string.IsNullOrWhiteSpace(connection.Options) ? "-c jit=off" : connection.Options + " -c jit=off";
        }
    }

    /// <summary>
    /// Tunes a pool whose connections run the same few statements thousands of times a minute (bench/README.md):
    /// Npgsql prepares them (planning each anew cost as much as running it), and a connection goes back to the pool
    /// without a reset round trip, which took more statements than the work itself. Nothing here leaves session state
    /// behind: no SET, temporary table or held advisory lock outlives the command that made it. Either setting given
    /// in the connection string wins (Max Auto Prepare=0 behind a pooler that cannot keep prepared statements).
    /// </summary>
    /// <param name="prepare">
    /// Whether to prepare unless told not to: false for a database whose pooler the service cannot know (the shop's own,
    /// where a PgBouncer before 1.21 would lose the prepared statements and fail every read); there only the connection
    /// string's Max Auto Prepare turns it on.
    /// </param>
    public static void TuneForRepeatedStatements(NpgsqlConnectionStringBuilder connection, bool prepare = true)
    {
        var configured = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
        if (prepare && !configured.ContainsKey("Max Auto Prepare"))
        {
            connection.MaxAutoPrepare = 64;
        }

        if (!configured.ContainsKey("No Reset On Close"))
        {
            connection.NoResetOnClose = true;
        }
    }
}
