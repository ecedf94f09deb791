using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Inbox;

/// <summary>
/// A handler that outlives its lease keeps the event only while the heartbeat renews the claim; another worker must
/// never claim the event while it runs, whether renewals succeed, fail once, fail for good or hang. Time is a
/// <see cref="SteppedClock"/>: each wait the heartbeat starts passes only once it has started, so no outcome depends on
/// how busy the machine is.
/// </summary>
public sealed class LeaseHeartbeatTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ThreeLeases = Lease * 3;

    // Ahead of the database's clock, so the events it stores are due.
    private readonly SteppedClock _clock = new(DateTimeOffset.UtcNow.AddMinutes(1));
    private readonly RecordingHandler _handler = new();
    private TestDatabase _database = null!;
    private InboxRepository _inbox = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _inbox = new InboxRepository(_database.DataSource, _clock);
        await _inbox.TryAddAsync(RecordingHandler.Event("k", 0, "block"), CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Handler_running_longer_than_its_lease_keeps_the_event_and_runs_once()
    {
        // Arrange
        var (first, claimedAt) = await FirstWorkerStartsAsync(new RenewingLeases(_inbox));

        // Act: three leases' time passes while the handler runs, then it finishes.
        await TimePassesWhileTheFirstWorkerRunsAsync(first, claimedAt + ThreeLeases);
        _handler.Release.SetResult();

        // Assert
        Assert.True((await first).Processed);
        Assert.True(_clock.GetUtcNow() >= claimedAt + ThreeLeases);
        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Single(_handler.Started);
        Assert.Single(_handler.Completed);
    }

    [Fact]
    public async Task A_renewal_that_fails_once_is_retried_and_the_event_still_runs_once()
    {
        var flaky = new FlakyLeases(new RenewingLeases(_inbox), failures: 1);
        var (first, claimedAt) = await FirstWorkerStartsAsync(flaky);

        await TimePassesWhileTheFirstWorkerRunsAsync(first, claimedAt + ThreeLeases);
        _handler.Release.SetResult();

        Assert.True((await first).Processed);
        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Single(_handler.Started);
        Assert.True(flaky.Calls >= 3, $"the heartbeat gave up after {flaky.Calls} renewal(s)");
    }

    [Fact]
    public async Task Processing_stops_before_an_unrenewable_lease_runs_out_so_no_other_worker_runs_it_alongside()
    {
        // Arrange
        var broken = new FlakyLeases(new RenewingLeases(_inbox), failures: int.MaxValue);
        var (first, claimedAt) = await FirstWorkerStartsAsync(broken);

        // Act
        await TimePassesWhileTheFirstWorkerRunsAsync(first, claimedAt + ThreeLeases);
        var stoppedAt = _clock.GetUtcNow();
        await SecondWorkerRunsItAsync();

        // Assert
        Assert.True(first.IsCompleted, "the first worker's run was not stopped");
        Assert.True(stoppedAt < claimedAt + Lease, $"stopped {stoppedAt - claimedAt} after the claim, past the {Lease} lease");
        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Equal(1, _handler.MaxConcurrentPerKey);
        Assert.True(_handler.Started.Count >= 2, "the first worker's run was not stopped");
        Assert.Single(_handler.Completed);
    }

    [Fact]
    public async Task A_renewal_that_hangs_and_ignores_its_cancellation_still_stops_processing_before_the_lease_runs_out()
    {
        var (first, claimedAt) = await FirstWorkerStartsAsync(new HangingLeases());

        await TimePassesWhileTheFirstWorkerRunsAsync(first, claimedAt + ThreeLeases);
        var stoppedAt = _clock.GetUtcNow();
        await SecondWorkerRunsItAsync();

        Assert.True(first.IsCompleted, "the first worker's run was not stopped");
        Assert.True(stoppedAt < claimedAt + Lease, $"stopped {stoppedAt - claimedAt} after the claim, past the {Lease} lease");
        Assert.Equal(["done"], await _database.InboxStatesAsync("test"));
        Assert.Equal(1, _handler.MaxConcurrentPerKey);
        Assert.True(_handler.Started.Count >= 2, "the first worker's run was not stopped");
        Assert.Single(_handler.Completed);
    }

    /// <summary>The first worker claims the event; its handler runs until the test releases it.</summary>
    private async Task<(Task<InboxStep> Run, DateTimeOffset ClaimedAt)> FirstWorkerStartsAsync(IInboxLeases leases)
    {
        var claimedAt = _clock.GetUtcNow();
        var run = Processor(leases).ProcessNextAsync("worker-a", CancellationToken.None, CancellationToken.None);
        await _handler.BlockedStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (run, claimedAt);
    }

    /// <summary>
    /// The first worker's waits pass one by one until it stops or <paramref name="until"/> comes; after each, another
    /// worker tries to claim the event and must get nothing.
    /// </summary>
    private async Task TimePassesWhileTheFirstWorkerRunsAsync(Task<InboxStep> first, DateTimeOffset until)
    {
        while (_clock.GetUtcNow() < until && await _clock.NextTimerPassesAsync(unless: first))
        {
            var claim = await _inbox.ClaimAsync("worker-b", Lease, CancellationToken.None);
            Assert.Null(claim.Event);
        }
    }

    /// <summary>Once the first worker let go, its retry falls due and a healthy worker runs the event to the end.</summary>
    private async Task SecondWorkerRunsItAsync()
    {
        _handler.Release.SetResult();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Processor(_inbox).ProcessNextAsync("worker-b", CancellationToken.None, CancellationToken.None)).Processed);
    }

    private InboxProcessor Processor(IInboxLeases leases) => new(
        _inbox, leases, new ServiceCollection().AddKeyedSingleton<IInboxEventHandler>("test", _handler).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        new InboxSignal(),
        new WorkBudget(4),
        new StaticOptionsMonitor<InboxOptions>(new InboxOptions { Lease = Lease, RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50) }),
        _clock, NullLogger<InboxProcessor>.Instance);

    /// <summary>
    /// Renews in the database before returning, so the heartbeat never waits on the clock for a renewal that
    /// succeeds: every timer it starts is then its wait for the next renewal.
    /// </summary>
    private sealed class RenewingLeases(IInboxLeases inner) : IInboxLeases
    {
        public Task<bool> ExtendLeaseAsync(long id, string workerId, TimeSpan lease, CancellationToken cancellationToken) =>
            Task.FromResult(Task.Run(() => inner.ExtendLeaseAsync(id, workerId, lease, cancellationToken), cancellationToken).GetAwaiter().GetResult());
    }

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
