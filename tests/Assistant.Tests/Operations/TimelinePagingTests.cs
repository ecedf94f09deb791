using Assistant.Operations.Reports;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Operations;

/// <summary>A conversation's timeline is read a page at a time, in order, from real PostgreSQL.</summary>
public sealed class TimelinePagingTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.ExecuteAsync("INSERT INTO conversations (account_id, conversation_id) VALUES (1, 42)");
        await _database.ExecuteAsync("""
            INSERT INTO transcript_messages (account_id, conversation_id, message_id, kind, role, content, sent_at, recorded_at)
            SELECT 1, 42, n, 'message', 'customer', 'line ' || n, now(), timestamptz '2026-12-01' + make_interval(secs => n)
            FROM generate_series(1, 250) n
            """);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Pages_hold_the_entries_in_order_and_say_whether_more_follow()
    {
        var timelines = new TimelineRepository(_database.DataSource, [Assistant.Bridge.BridgeHistory.Timeline]);

        var first = await timelines.ReadAsync(42, 1, 1, CancellationToken.None);
        var second = await timelines.ReadAsync(42, 1, 2, CancellationToken.None);
        var past = await timelines.ReadAsync(42, 1, 3, CancellationToken.None);

        Assert.Equal((TimelineRepository.PageSize, true), (first!.Entries.Count, first.HasMore));
        Assert.Equal((50, false), (second!.Entries.Count, second.HasMore));
        Assert.Equal("line 201", second.Entries[0].Detail);
        Assert.Null(past);
    }
}
