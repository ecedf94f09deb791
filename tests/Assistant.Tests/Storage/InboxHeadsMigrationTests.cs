using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Assistant.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Storage;

/// <summary>Upgrading a database whose queue is live: migration 0009 gives each ordering key the head it had.</summary>
public sealed class InboxHeadsMigrationTests : IAsyncLifetime
{
    private const string HeadsMigration = "0009_inbox_heads";
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Live_queue_keeps_its_order_leases_and_delays_across_the_upgrade()
    {
        // Arrange: the schema before the heads, with "a" running its first of three events, "b" waiting for a delay
        // and "c" finished.
        await _database.MigrateBeforeAsync(HeadsMigration);
        var lease = DateTimeOffset.UtcNow.AddMinutes(2);
        var delay = DateTimeOffset.UtcNow.AddMinutes(5);
        await _database.ExecuteAsync($"""
            INSERT INTO inbox_events (source, delivery_key, event_name, ordering_key, payload, state, attempts, locked_by, locked_until)
            VALUES ('test', 'a0', 'e', 'a', '{"{}"}', 'processing', 1, 'old-worker', '{lease:O}');
            INSERT INTO inbox_events (source, delivery_key, event_name, ordering_key, payload) VALUES
                ('test', 'a1', 'e', 'a', '{"{}"}'), ('test', 'a2', 'e', 'a', '{"{}"}');
            INSERT INTO inbox_events (source, delivery_key, event_name, ordering_key, payload, next_attempt_at)
            VALUES ('test', 'b0', 'e', 'b', '{"{}"}', '{delay:O}');
            INSERT INTO inbox_events (source, delivery_key, event_name, ordering_key, payload, state, finished_at)
            VALUES ('test', 'c0', 'e', 'c', '{"{}"}', 'done', now());
            """);

        // Act
        var applied = await new DatabaseMigrator(_database.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        // Assert
        Assert.Equal(DatabaseMigrator.Scripts.Count(s => string.CompareOrdinal(s.Name, HeadsMigration) >= 0), applied);
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var heads = (await connection.QueryAsync<(string Key, string Delivery, DateTimeOffset Ready)>("""
            SELECT h.ordering_key, e.delivery_key, h.ready_at FROM inbox_heads h JOIN inbox_events e ON e.id = h.event_id ORDER BY 1
            """)).ToList();
        Assert.Equal(["a", "b"], heads.Select(h => h.Key));
        Assert.Equal(("a0", "b0"), (heads[0].Delivery, heads[1].Delivery));
        Assert.InRange(heads[0].Ready, lease.AddMilliseconds(-1), lease.AddMilliseconds(1));
        Assert.InRange(heads[1].Ready, delay.AddMilliseconds(-1), delay.AddMilliseconds(1));
        Assert.Null(await new InboxRepository(_database.DataSource, TimeProvider.System).ClaimNextAsync("new-worker", TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
