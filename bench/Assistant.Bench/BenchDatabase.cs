using Npgsql;

namespace Assistant.Bench;

/// <summary>A fresh database per measure, so earlier runs' rows never slow a later one.</summary>
public static class BenchDatabase
{
    public static async Task<string> CreateAsync(string admin, string purpose)
    {
        var name = $"bench_{purpose}_{DateTime.UtcNow:HHmmss}_{Random.Shared.Next(1000):D3}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
