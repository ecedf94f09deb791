using Npgsql;

namespace Assistant.Bench;

/// <summary>
/// A fresh database per measure, so earlier runs' rows never slow a later one. Earlier measures' databases are dropped
/// when a new one is made; the last one stays for inspection after the run.
/// </summary>
public static class BenchDatabase
{
    public static async Task<string> CreateAsync(string admin, string purpose)
    {
        var name = $"bench_{purpose}_{DateTime.UtcNow:HHmmss}_{Random.Shared.Next(1000):D3}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        foreach (var earlier in await EarlierAsync(connection))
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{earlier}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<List<string>> EarlierAsync(NpgsqlConnection connection)
    {
        await using var list = new NpgsqlCommand(@"SELECT datname FROM pg_database WHERE datname LIKE 'bench\_%'", connection);
        await using var reader = await list.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
