using System.Data.Common;
using Assistant.Core.Configuration;
using Npgsql;

namespace Assistant.Core.Storage;

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
    /// Lets Npgsql prepare the statements a connection runs repeatedly: the inbox runs the same few thousands of times a
    /// minute, and planning each anew cost as much as running it (bench/README.md). A connection string that sets
    /// Max Auto Prepare itself (0 behind a pooler that cannot keep prepared statements) is left as it is.
    /// </summary>
    public static void PrepareRepeatedStatements(NpgsqlConnectionStringBuilder connection)
    {
        var configured = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
        if (!configured.ContainsKey("Max Auto Prepare"))
        {
            connection.MaxAutoPrepare = 64;
        }
    }
}
