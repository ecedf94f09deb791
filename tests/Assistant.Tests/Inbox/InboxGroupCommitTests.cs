using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Npgsql;

namespace Assistant.Tests.Inbox;

public sealed class InboxGroupCommitTests : IAsyncLifetime
{
    private const int Requests = 50;
    private TestDatabase _database = null!;
    private InboxRepository _inbox = null!;
    private InboxGroupCommit _intake = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
        _intake = new InboxGroupCommit(_database.DataSource, _inbox);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Webhooks_arriving_together_share_commits_and_each_learns_its_own_outcome()
    {
        // Arrange: fifty deliveries, the last a redelivery of the first. The table is locked while they arrive, so all
        // of them arrive while the first batch is being written, however slowly this machine hands them over.
        var ct = TestContext.Current.CancellationToken;
        var deliveries = Enumerable.Range(0, Requests - 1).Select(n => RecordingHandler.Event($"conversation-{n % 7}", n)).ToList();
        deliveries.Add(deliveries[0]);
        await using var blocker = await _database.DataSource.OpenConnectionAsync(ct);
        await using var locked = await blocker.BeginTransactionAsync(ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE inbox_events IN SHARE ROW EXCLUSIVE MODE", blocker, locked))
        {
            await lockTable.ExecuteNonQueryAsync(ct);
        }

        // Act
        var arrived = deliveries.Select(d => _intake.TryAddAsync(d, ct)).ToList();
        await locked.RollbackAsync(ct);
        var outcomes = await Task.WhenAll(arrived);

        // Assert: rows written by one transaction share its xmin.
        Assert.Equal([.. Enumerable.Repeat(true, Requests - 1), false], outcomes);
        Assert.Equal(Requests - 1, await _database.CountAsync("inbox_events"));
        Assert.InRange(await _database.CountAsync("(SELECT DISTINCT xmin::text FROM inbox_events) commits"), 1, Requests / 5);
    }

    [Fact]
    public async Task Stored_events_of_each_conversation_run_in_arrival_order()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var deliveries = Enumerable.Range(0, Requests).Select(n => RecordingHandler.Event($"conversation-{n % 3}", n)).ToList();
        await Task.WhenAll(deliveries.Select(d => _intake.TryAddAsync(d, ct)));

        // Act
        var claimed = new List<InboxEvent>();
        while (await _inbox.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(1), ct) is { } next)
        {
            claimed.Add(next);
            Assert.True(await _inbox.CompleteAsync(next.Id, "worker-1", ct));
        }

        // Assert
        Assert.Equal(Requests, claimed.Count);
        Assert.All(claimed.GroupBy(e => e.OrderingKey), conversation => Assert.Equal(conversation.OrderBy(e => e.Id), conversation));
    }

    [Fact]
    public async Task Event_the_database_refuses_fails_alone_and_the_others_are_stored()
    {
        // Arrange: a payload that is not JSON (intake checks, the database checks again); the others arrive with it.
        var ct = TestContext.Current.CancellationToken;
        var refused = RecordingHandler.Event("conversation-0", 0) with { Payload = """{"seq":0,"text":"cut off""" };
        var others = Enumerable.Range(1, 9).Select(n => RecordingHandler.Event($"conversation-{n}", n)).ToList();

        // Act: the first delivery is written at once, the rest wait for it and share the next batch.
        var first = _intake.TryAddAsync(others[0], ct);
        var refusal = Record.ExceptionAsync(() => _intake.TryAddAsync(refused, ct));
        var stored = await Task.WhenAll([first, .. others.Skip(1).Select(d => _intake.TryAddAsync(d, ct))]);

        // Assert
        Assert.IsType<PostgresException>(await refusal);
        Assert.All(stored, Assert.True);
        Assert.Equal(others.Count, await _database.CountAsync("inbox_events"));
    }
}
