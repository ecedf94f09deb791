using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Inbox;

public sealed class InboxClaimTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private TestDatabase _database = null!;
    private InboxRepository _inbox = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Claims_take_the_first_unfinished_event_of_each_conversation_and_nothing_queued_behind_it()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await AddEventsAsync("a", 3, ct);

        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0), ct);

        // Act
        var first = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
        var second = await _inbox.ClaimNextAsync("worker-2", Lease, ct);
        var third = await _inbox.ClaimNextAsync("worker-3", Lease, ct);

        // Assert
        Assert.Equal("a", first?.OrderingKey);
        Assert.Equal("b", second?.OrderingKey);
        Assert.Null(third);
    }

    [Fact]
    public async Task Claim_says_whether_another_conversation_was_ready_for_another_worker()
    {
        // Arrange: "a" has two events (the second waits behind the first), "b" one.
        var ct = TestContext.Current.CancellationToken;
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), ct);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 1), ct);
        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0), ct);

        // Act
        var first = await _inbox.ClaimAsync("worker-1", Lease, ct);
        var second = await _inbox.ClaimAsync("worker-2", Lease, ct);
        var none = await _inbox.ClaimAsync("worker-3", Lease, ct);

        // Assert
        Assert.Equal(("a", true), (first.Event?.OrderingKey, first.MoreDue));
        Assert.Equal(("b", false), (second.Event?.OrderingKey, second.MoreDue));
        Assert.Equal((null, false), (none.Event, none.MoreDue));
        Assert.NotNull(none.NextDue);
        Assert.True(none.NextDue > DateTimeOffset.UtcNow, "with every head in flight, the first lease to run out is next");
    }

    [Fact]
    public async Task An_empty_claim_says_when_the_first_delayed_event_falls_due()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var due = DateTimeOffset.UtcNow.AddMinutes(5);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0) with { NotBefore = due }, ct);

        // Act
        var claim = await _inbox.ClaimAsync("worker-1", Lease, ct);

        // Assert: the same answer as asking separately, in the claim's round trip.
        Assert.Null(claim.Event);
        Assert.NotNull(claim.NextDue);
        Assert.InRange(claim.NextDue.Value, due.AddMilliseconds(-1), due.AddMilliseconds(1));
        Assert.Equal(await _inbox.NextDueAsync(ct), claim.NextDue);
    }

    [Fact]
    public async Task An_empty_claim_on_an_empty_inbox_has_nothing_due()
    {
        // Act
        var claim = await _inbox.ClaimAsync("worker-1", Lease, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new InboxClaim(null, false, null), claim);
    }

    [Fact]
    public async Task Finishing_an_event_makes_the_next_of_its_conversation_claimable()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var first = await TwoEventsOfOneConversationWithTheFirstClaimedAsync(ct);

        // Act
        var completedByAnother = await _inbox.CompleteAsync(first!.Id, "worker-2", ct);
        var completedByItsOwner = await _inbox.CompleteAsync(first.Id, "worker-1", ct);
        var next = await _inbox.ClaimNextAsync("worker-2", Lease, ct);

        // Assert
        Assert.False(completedByAnother);
        Assert.True(completedByItsOwner);
        Assert.Equal(first.Id + 1, next?.Id);
    }

    [Fact]
    public async Task Event_waiting_for_its_delay_is_not_claimed_and_is_when_an_idle_worker_wakes()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var due = DateTimeOffset.UtcNow.AddMinutes(5);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0) with { NotBefore = due }, ct);

        // Act
        var claimed = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
        var nextDue = await _inbox.NextDueAsync(ct);

        // Assert
        Assert.Null(claimed);
        Assert.NotNull(nextDue);
        Assert.InRange(nextDue.Value, due.AddMilliseconds(-1), due.AddMilliseconds(1));
    }

    [Fact]
    public async Task Event_queued_behind_one_in_flight_does_not_wake_idle_workers()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var inFlight = await TwoEventsOfOneConversationWithTheFirstClaimedAsync(ct);

        // Act
        var nextDue = await _inbox.NextDueAsync(ct);

        // Assert: only the in-flight lease's expiry, not the blocked event that is already due.
        Assert.NotNull(inFlight);
        Assert.NotNull(nextDue);
        Assert.True(nextDue.Value > DateTimeOffset.UtcNow.AddSeconds(30));
    }

    [Fact]
    public async Task Deep_queue_of_one_conversation_does_not_hide_another_conversations_event()
    {
        // Arrange: conversation "a" has a thousand events queued behind the one in flight.
        var ct = TestContext.Current.CancellationToken;
        await AddEventsAsync("a", 1000, ct);

        var inFlight = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0), ct);

        // Act
        var claimed = await _inbox.ClaimNextAsync("worker-2", Lease, ct);
        var nothingMore = await _inbox.ClaimNextAsync("worker-3", Lease, ct);

        // Assert
        Assert.Equal("a", inFlight?.OrderingKey);
        Assert.Equal("b", claimed?.OrderingKey);
        Assert.Null(nothingMore);
    }

    [Fact]
    public async Task Event_stored_while_its_conversations_head_finishes_is_never_left_unclaimable()
    {
        // Arrange / Act: two hundred times, a new event arrives at the moment the only one of its conversation ends.
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < 200; round++)
        {
            var key = $"race-{round}";
            await _inbox.TryAddAsync(RecordingHandler.Event(key, 0), ct);
            var head = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
            var arriving = _inbox.TryAddAsync(RecordingHandler.Event(key, 1), ct);
            var finishing = _inbox.CompleteAsync(head!.Id, "worker-1", ct);
            await Task.WhenAll(arriving, finishing);

            // Assert
            var next = await _inbox.ClaimNextAsync("worker-2", Lease, ct);
            Assert.True(next is { } claimed && claimed.OrderingKey == key, $"round {round}: the arriving event was not claimable");
            Assert.True(await _inbox.CompleteAsync(next!.Id, "worker-2", ct));
        }
    }

    [Fact]
    public async Task Events_of_one_conversation_stored_side_by_side_while_it_drains_all_run()
    {
        // Arrange: concurrent inserts of one key can commit out of id order; the queue must still reach every event.
        var ct = TestContext.Current.CancellationToken;
        const int Writers = 16, EventsEach = 50;
        var stored = Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var sequence = 0; sequence < EventsEach; sequence++)
            {
                await _inbox.TryAddAsync(RecordingHandler.Event("busy", (writer * EventsEach) + sequence), ct);
            }
        }, ct)));

        // Act: one worker drains while the writers write, then until nothing is claimable.
        var completed = 0;
        while (true)
        {
            var writing = !stored.IsCompleted;
            if (await _inbox.ClaimNextAsync("worker-1", Lease, ct) is { } claimed)
            {
                Assert.True(await _inbox.CompleteAsync(claimed.Id, "worker-1", ct));
                completed++;
            }
            else if (!writing)
            {
                break;
            }
        }

        await stored;

        // Assert
        Assert.Equal(Writers * EventsEach, completed);
        Assert.Equal(0, await _database.CountAsync("inbox_events WHERE state <> 'done'"));
    }

    [Fact]
    public async Task Replayed_dead_letter_runs_before_later_events_of_its_conversation()
    {
        // Arrange: the first event of "a" is dead-lettered, the second is waiting for its delay.
        var ct = TestContext.Current.CancellationToken;
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), ct);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 1) with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(5) }, ct);
        var first = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
        Assert.True(await _inbox.DeadLetterAsync(first!.Id, "worker-1", "broken", ct));

        // Act
        var replayed = await _inbox.ReplayDeadAsync(first.Id, ct);
        var claimed = await _inbox.ClaimNextAsync("worker-2", Lease, ct);

        // Assert
        Assert.Equal(1, replayed);
        Assert.Equal(first.Id, claimed?.Id);
    }

    [Fact]
    public async Task Dead_letter_replayed_while_a_later_event_of_its_conversation_runs_runs_next()
    {
        // Arrange: "a" has three events; the first was dead-lettered and the second is running.
        var ct = TestContext.Current.CancellationToken;
        await AddEventsAsync("a", 3, ct);

        var first = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
        Assert.True(await _inbox.DeadLetterAsync(first!.Id, "worker-1", "broken", ct));
        var second = await _inbox.ClaimNextAsync("worker-1", Lease, ct);

        // Act
        await _inbox.ReplayDeadAsync(first.Id, ct);
        var claimedWhileRunning = await _inbox.ClaimNextAsync("worker-2", Lease, ct);
        Assert.True(await _inbox.CompleteAsync(second!.Id, "worker-1", ct));
        var afterIt = await _inbox.ClaimNextAsync("worker-2", Lease, ct);
        Assert.True(await _inbox.CompleteAsync(afterIt!.Id, "worker-2", ct));
        var last = await _inbox.ClaimNextAsync("worker-2", Lease, ct);

        // Assert
        Assert.Null(claimedWhileRunning);
        Assert.Equal(first.Id, afterIt.Id);
        Assert.Equal(second.Id + 1, last?.Id);
    }

    [Fact]
    public async Task Retried_event_keeps_its_conversations_later_events_waiting_behind_it()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var first = await TwoEventsOfOneConversationWithTheFirstClaimedAsync(ct);

        // Act
        Assert.True(await _inbox.RetryLaterAsync(first!.Id, "worker-1", DateTimeOffset.UtcNow.AddMinutes(5), "try later", ct));
        var claimed = await _inbox.ClaimNextAsync("worker-2", Lease, ct);
        var nextDue = await _inbox.NextDueAsync(ct);

        // Assert
        Assert.Null(claimed);
        Assert.True(nextDue > DateTimeOffset.UtcNow.AddMinutes(4));
    }

    [Fact]
    public async Task Same_delivery_stored_twice_is_one_event_and_another_source_with_that_key_is_another()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var delivery = RecordingHandler.Event("a", 0);

        // Act
        var first = await _inbox.TryAddAsync(delivery, ct);
        var again = await _inbox.TryAddAsync(delivery with { Payload = """{"seq":1,"behaviour":"ok"}""" }, ct);
        var otherSource = await _inbox.TryAddAsync(delivery with { Source = "zendesk" }, ct);

        // Assert
        Assert.Equal((true, false, true), (first, again, otherSource));
        Assert.Equal(2, await _database.CountAsync("inbox_events"));
        Assert.Equal(1, await _database.CountAsync("inbox_events WHERE source = 'test'"));
    }

    [Fact]
    public async Task Purge_removes_the_heads_of_idle_conversations_and_a_later_event_still_runs()
    {
        // Arrange: "a" is finished and idle, "b" has an event waiting.
        var ct = TestContext.Current.CancellationToken;
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), ct);
        var finished = await _inbox.ClaimNextAsync("worker-1", Lease, ct);
        await _inbox.CompleteAsync(finished!.Id, "worker-1", ct);
        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0) with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(5) }, ct);

        // Act
        await _inbox.PurgeDoneAsync(DateTimeOffset.UtcNow.AddMinutes(-1), ct);
        var headsAfterPurge = await _database.CountAsync("inbox_heads");
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 1), ct);
        var claimed = await _inbox.ClaimNextAsync("worker-2", Lease, ct);

        // Assert
        Assert.Equal(1, headsAfterPurge);
        Assert.Equal("a", claimed?.OrderingKey);
    }

    /// <summary>Conversation "a" has two events; worker-1 holds the first.</summary>
    private async Task<InboxEvent?> TwoEventsOfOneConversationWithTheFirstClaimedAsync(CancellationToken ct)
    {
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), ct);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 1), ct);
        return await _inbox.ClaimNextAsync("worker-1", Lease, ct);
    }

    private async Task AddEventsAsync(string key, int count, CancellationToken ct)
    {
        for (var sequence = 0; sequence < count; sequence++)
        {
            await _inbox.TryAddAsync(RecordingHandler.Event(key, sequence), ct);
        }
    }
}
