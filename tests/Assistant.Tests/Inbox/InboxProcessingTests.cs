using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Inbox;

public sealed class InboxProcessingTests : ServiceTestBase
{
    protected override bool StartsServerBeforeEachTest => false;

    [Fact]
    public async Task Events_of_one_conversation_never_run_at_once_and_run_in_arrival_order()
    {
        // Arrange
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler, workers: 8);
        var inbox = server.Services.GetRequiredService<InboxRepository>();

        // Act: 10 keys × 10 events, stored concurrently per key.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async key =>
        {
            for (var seq = 0; seq < 10; seq++)
            {
                await inbox.TryAddAsync(RecordingHandler.Event($"k{key}", seq), CancellationToken.None);
            }
        }));
        await Database.InboxDrainedAsync("test");

        // Assert
        Assert.Equal(1, handler.MaxConcurrentPerKey);
        Assert.Equal(100, handler.Completed.Count);
        foreach (var group in handler.Completed.GroupBy(c => c.Key))
        {
            Assert.Equal(Enumerable.Range(0, 10), group.Select(c => c.Sequence));
        }
    }

    [Fact]
    public async Task Event_claimed_by_a_crashed_worker_is_taken_over_when_its_lease_expires()
    {
        // Arrange: a worker that claimed the event and died without a heartbeat.
        var inbox = new InboxRepository(Database.DataSource, TimeProvider.System);
        await inbox.TryAddAsync(RecordingHandler.Event("k", 0), CancellationToken.None);
        Assert.NotNull(await inbox.ClaimNextAsync("crashed-worker", TimeSpan.FromSeconds(1), CancellationToken.None));
        var handler = new RecordingHandler();

        // Act
        await StartServerAsync(handler);

        // Assert
        Assert.Equal(["done"], await Database.InboxDrainedAsync("test"));
        Assert.Single(handler.Completed);
    }

    [Fact]
    public async Task Worker_stopped_mid_event_releases_it_and_a_restarted_worker_finishes_it()
    {
        // Arrange: the first instance starts the event and is shut down while it runs.
        var first = new RecordingHandler { Name = "first" };
        var server = await StartServerAsync(first);
        await server.Services.GetRequiredService<InboxRepository>().TryAddAsync(RecordingHandler.Event("k", 0, "block"), CancellationToken.None);
        await first.BlockedStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Act
        await server.StopAsync();
        var second = new RecordingHandler { Name = "second" };
        second.Release.SetResult();
        await StartServerAsync(second);

        // Assert
        Assert.Equal(["done"], await Database.InboxDrainedAsync("test"));
        Assert.Empty(first.Completed);
        Assert.Single(second.Completed);
    }

    [Fact]
    public async Task Failing_event_is_retried_then_dead_lettered_and_stops_blocking_its_conversation()
    {
        // Arrange
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler, maxAttempts: 3);
        var inbox = server.Services.GetRequiredService<InboxRepository>();

        // Act
        await inbox.TryAddAsync(RecordingHandler.Event("k", 0, "fail"), CancellationToken.None);
        await inbox.TryAddAsync(RecordingHandler.Event("k", 1), CancellationToken.None);

        // Assert
        Assert.Equal(["dead", "done"], await Database.InboxDrainedAsync("test"));
        var dead = Assert.Single(await inbox.ListAsync("dead", 10, CancellationToken.None));
        Assert.Equal(3, dead.Attempts);
        Assert.Equal("InvalidOperationException: scripted failure", dead.LastError);
        Assert.Equal([1], handler.Completed.Select(c => c.Sequence));
    }

    [Fact]
    public async Task Transient_failure_is_retried_and_the_conversation_waits_for_it()
    {
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler);
        var inbox = server.Services.GetRequiredService<InboxRepository>();

        await inbox.TryAddAsync(RecordingHandler.Event("k", 0, "fail-once"), CancellationToken.None);
        await inbox.TryAddAsync(RecordingHandler.Event("k", 1), CancellationToken.None);

        Assert.Equal(["done", "done"], await Database.InboxDrainedAsync("test"));
        Assert.Equal([0, 1], handler.Completed.Select(c => c.Sequence));
    }

    [Fact]
    public async Task Deferred_event_waits_without_using_up_its_attempts()
    {
        // Arrange: three attempts allowed, five deferrals asked for.
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler, maxAttempts: 3);
        var inbox = server.Services.GetRequiredService<InboxRepository>();

        // Act
        await inbox.TryAddAsync(RecordingHandler.Event("k", 0, "defer-5"), CancellationToken.None);

        // Assert
        Assert.Equal(["done"], await Database.InboxDrainedAsync("test"));
        Assert.Equal(6, handler.Started.Count);
    }

    [Fact]
    public async Task Dead_letter_replay_runs_the_event_again()
    {
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler, maxAttempts: 1);
        var inbox = server.Services.GetRequiredService<InboxRepository>();
        await inbox.TryAddAsync(RecordingHandler.Event("k", 0, "fail-once"), CancellationToken.None);
        Assert.Equal(["dead"], await Database.InboxDrainedAsync("test"));

        var replayed = await inbox.ReplayDeadAsync(null, CancellationToken.None);

        Assert.Equal(1, replayed);
        await Eventually.WaitForAsync(() => Database.InboxStatesAsync("test"), s => s.SequenceEqual(["done"]), "the replayed event to finish");
        Assert.Single(handler.Completed);
    }

    [Fact]
    public async Task Two_instances_on_oneDatabase_process_every_event_exactly_once()
    {
        // Arrange
        var a = new RecordingHandler { Name = "a" };
        var b = new RecordingHandler { Name = "b" };
        var serverA = await StartServerAsync(a, workers: 4);
        var serverB = await StartServerAsync(b, workers: 4);

        // Act: both instances receive events for the same conversations.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async key =>
        {
            for (var seq = 0; seq < 10; seq++)
            {
                var inbox = (seq % 2 == 0 ? serverA : serverB).Services.GetRequiredService<InboxRepository>();
                await inbox.TryAddAsync(RecordingHandler.Event($"k{key}", seq), CancellationToken.None);
            }
        }));
        await Database.InboxDrainedAsync("test");

        // Assert
        var all = a.Completed.Concat(b.Completed).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Select(c => c.EventId).Distinct().Count());
        Assert.NotEmpty(a.Completed);
        Assert.NotEmpty(b.Completed);
        foreach (var group in all.GroupBy(c => c.Key))
        {
            Assert.Equal(Enumerable.Range(0, 10), group.OrderBy(c => c.EventId).Select(c => c.Sequence));
        }
    }

    [Fact]
    public async Task Processed_events_past_their_keeping_time_are_purged_and_dead_letters_kept()
    {
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler, maxAttempts: 1);
        var inbox = server.Services.GetRequiredService<InboxRepository>();
        await inbox.TryAddAsync(RecordingHandler.Event("k", 0), CancellationToken.None);
        await inbox.TryAddAsync(RecordingHandler.Event("j", 0, "fail"), CancellationToken.None);
        await Database.InboxDrainedAsync("test");

        var purged = await inbox.PurgeDoneAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(["dead"], await Database.InboxStatesAsync("test"));
    }

    [Fact]
    public async Task Dead_letters_are_kept_for_replay_and_then_purged_after_their_own_keeping_time()
    {
        var handler = new RecordingHandler();
        var server = await StartServerAsync(handler, maxAttempts: 1);
        var inbox = server.Services.GetRequiredService<InboxRepository>();
        await inbox.TryAddAsync(RecordingHandler.Event("j", 0, "fail"), CancellationToken.None);
        await inbox.TryAddAsync(RecordingHandler.Event("k", 0, "fail"), CancellationToken.None);
        await Database.InboxDrainedAsync("test");
        await Database.ExecuteAsync("UPDATE inbox_events SET finished_at = now() - interval '31 days' WHERE ordering_key = 'j'");

        var purged = await inbox.PurgeDeadAsync(DateTimeOffset.UtcNow.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(["dead"], await Database.InboxStatesAsync("test"));
    }

    private async Task<AssistantServer> StartServerAsync(RecordingHandler handler, int workers = 4, int maxAttempts = 5)
    {
        var settings = DefaultSettings();
        settings["Inbox:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Inbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Inbox:Lease"] = "00:00:03";
        return await StartServerAsync(settings, services => services.AddKeyedSingleton<IInboxEventHandler>("test", handler));
    }
}
