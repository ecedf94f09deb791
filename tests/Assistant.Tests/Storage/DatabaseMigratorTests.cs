using Assistant.Engine.Storage;
using Assistant.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Storage;

public sealed class DatabaseMigratorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void Migrations_are_embedded_numbered_and_in_order()
    {
        var names = DatabaseMigrator.Scripts.Select(s => s.Name).ToList();

        Assert.Equal(["0001_create_inbox", "0002_create_conversations", "0003_create_turns", "0004_create_shop", "0005_create_zendesk_bridge"], names.Take(5));
        Assert.All(names, n => Assert.Matches("^[0-9]{4}_[a-z_]+$", n));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Fresh_database_gets_every_migration_and_a_second_run_applies_none()
    {
        var migrator = Migrator();

        Assert.Equal(DatabaseMigrator.Scripts.Count, await migrator.PendingAsync(CancellationToken.None) is var pending ? pending.Count : -1);
        Assert.Equal(DatabaseMigrator.Scripts.Count, await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal(0, await migrator.MigrateAsync(CancellationToken.None));
        Assert.Empty(await migrator.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Instances_starting_together_apply_each_migration_once()
    {
        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator().MigrateAsync(CancellationToken.None)));

        Assert.Equal(DatabaseMigrator.Scripts.Count, applied.Sum());
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DatabaseMigrator.Scripts.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }

    private DatabaseMigrator Migrator() => new(_database.DataSource, NullLogger<DatabaseMigrator>.Instance);
}
