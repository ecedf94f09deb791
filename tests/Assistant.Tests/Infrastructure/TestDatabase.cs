using Assistant.Engine.Storage;
using Assistant.Stores.Postgres;
using Assistant.Stores.Postgres.CatalogSearch;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assistant.Tests.Infrastructure;

/// <summary>A throw-away database on the test server (<c>ASSISTANT_TEST_POSTGRES</c>), dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The PostgreSQL store's catalog on this database, with its search index here too, as the service composes it.</summary>
    public PostgresCatalog Catalog()
    {
        var shop = new ShopDatabase(DataSource);
        return new PostgresCatalog(shop, new CatalogIndex(shop, DataSource), new CatalogRanking(DataSource));
    }

    /// <param name="admin">A superuser connection string; the test server (<c>ASSISTANT_TEST_POSTGRES</c>) when null.</param>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, string? admin = null)
    {
        admin ??= Environment.GetEnvironmentVariable("ASSISTANT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                "ASSISTANT_TEST_POSTGRES is not set: run the tests with ./scripts/test.sh, which starts a private PostgreSQL.");
        }

        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new TestDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        DapperConfiguration.Apply();
        if (migrate)
        {
            await new DatabaseMigrator(database.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    /// <summary>Applies the migrations before <paramref name="name"/> as the migrator would: the schema an upgrade starts from.</summary>
    public async Task MigrateBeforeAsync(string name)
    {
        await this.ExecuteAsync("CREATE TABLE schema_migrations (script_name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var script in DatabaseMigrator.Scripts.Where(s => string.CompareOrdinal(s.Name, name) < 0))
        {
            await this.ExecuteAsync(script.Sql);
            await this.ExecuteAsync($"INSERT INTO schema_migrations (script_name) VALUES ('{script.Name}')");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
