using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Inbox;

/// <summary>
/// A handler that outlives its lease keeps the event only while the heartbeat renews the claim. Two workers poll the
/// same inbox; the event must never run twice at once, whether renewals succeed, fail once, or fail for good.
/// </summary>
public sealed class LeaseHeartbeatTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);
    private TestDatabase _database = null!;
    private InboxRepository _inbox = null!;
    private readonly RecordingHandler _handler = new() { SlowFor = TimeSpan.FromSeconds(2.5) };

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Handler_running_longer_than_its_lease_keeps_the_event_and_runs_once()
    {
        // Arrange
        await _inbox.TryAddAsync(RecordingHandler.Event("k", 0, "slow"), CancellationToken.None);

        // Act
        await RaceAsync(first: _inbox, second: _inbox);

        // Assert
        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Single(_handler.Started);
        Assert.Single(_handler.Completed);
    }

    [Fact]
    public async Task A_renewal_that_fails_once_is_retried_and_the_event_still_runs_once()
    {
        var flaky = new FlakyLeases(_inbox, failures: 1);
        await _inbox.TryAddAsync(RecordingHandler.Event("k", 0, "slow"), CancellationToken.None);

        await RaceAsync(first: flaky, second: _inbox);

        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Single(_handler.Started);
        Assert.True(flaky.Calls >= 3, $"the heartbeat gave up after {flaky.Calls} renewal(s)");
    }

    [Fact]
    public async Task Processing_stops_before_an_unrenewable_lease_runs_out_so_no_other_worker_runs_it_alongside()
    {
        var broken = new FlakyLeases(_inbox, failures: int.MaxValue);
        await _inbox.TryAddAsync(RecordingHandler.Event("k", 0, "slow"), CancellationToken.None);

        await RaceAsync(first: broken, second: _inbox);

        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Equal(1, _handler.MaxConcurrentPerKey);
        Assert.True(_handler.Started.Count >= 2, "the first worker's run was not stopped");
        Assert.Single(_handler.Completed);
    }

    [Fact]
    public async Task A_renewal_that_hangs_and_ignores_its_cancellation_still_stops_processing_before_the_lease_runs_out()
    {
        var hanging = new HangingLeases();
        await _inbox.TryAddAsync(RecordingHandler.Event("k", 0, "slow"), CancellationToken.None);

        await RaceAsync(first: hanging, second: _inbox);

        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Equal(1, _handler.MaxConcurrentPerKey);
        Assert.True(_handler.Started.Count >= 2, "the first worker's run was not stopped");
        Assert.Single(_handler.Completed);
    }

    /// <summary>The first worker claims the event; the second keeps trying to claim until the event is done.</summary>
    private async Task RaceAsync(IInboxLeases first, IInboxLeases second)
    {
        var a = Processor(first);
        var b = Processor(second);
        var firstRun = a.ProcessNextAsync("worker-a", CancellationToken.None, CancellationToken.None);
        await Eventually.WaitForAsync(() => Task.FromResult(_handler.Started.Count), n => n == 1, "the first worker to start");
        await Eventually.WaitForAsync(async () =>
        {
            await b.ProcessNextAsync("worker-b", CancellationToken.None, CancellationToken.None);
            return await _database.InboxStatesAsync("test");
        }, states => states.SequenceEqual(["done"]), "the event to be done");
        Assert.True(await firstRun);
    }

    private InboxProcessor Processor(IInboxLeases leases) => new(
        _inbox, leases, new ServiceCollection().AddKeyedSingleton<IInboxEventHandler>("test", _handler).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        new InboxSignal(),
        new StaticOptionsMonitor<InboxOptions>(new InboxOptions { Lease = Lease, RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50) }),
        TimeProvider.System, NullLogger<InboxProcessor>.Instance);

    /// <summary>A database call that never returns and does not listen to its cancellation token.</summary>
    private sealed class HangingLeases : IInboxLeases
    {
        public Task<bool> ExtendLeaseAsync(long id, string workerId, TimeSpan lease, CancellationToken cancellationToken) =>
            new TaskCompletionSource<bool>().Task;
    }

    private sealed class FlakyLeases(IInboxLeases inner, int failures) : IInboxLeases
    {
        private int _calls;

        public int Calls => _calls;

        public Task<bool> ExtendLeaseAsync(long id, string workerId, TimeSpan lease, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new TimeoutException("scripted database blip")
                : inner.ExtendLeaseAsync(id, workerId, lease, cancellationToken);
    }
}
