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

    [Fact]
    public async Task A_script_edited_after_it_was_applied_stops_the_migration_naming_it()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = 'an earlier version' WHERE script_name = '0005_create_zendesk_bridge'");

        var error = await Assert.ThrowsAsync<Assistant.Engine.Configuration.ConfigurationException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.StartsWith("Migration 0005_create_zendesk_bridge was edited after this database applied it", error.Message);
    }

    [Fact]
    public async Task Scripts_journaled_before_checksums_were_kept_get_theirs_and_still_apply_nothing_twice()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = NULL");

        Assert.Equal(0, await Migrator().MigrateAsync(CancellationToken.None));

        var sums = (await connection.QueryAsync<(string, string)>("SELECT script_name, checksum FROM schema_migrations ORDER BY script_name")).ToList();
        Assert.Equal(DatabaseMigrator.Scripts.Select(s => (s.Name, s.Checksum)), sums);
    }

    [Fact]
    public void A_checkout_with_other_line_endings_has_the_same_checksums()
    {
        var script = DatabaseMigrator.Scripts[0];

        Assert.Equal(script.Checksum, new MigrationScript(script.Name, script.Sql.ReplaceLineEndings("\r\n")).Checksum);
    }

    private DatabaseMigrator Migrator() => new(_database.DataSource, NullLogger<DatabaseMigrator>.Instance);
}
