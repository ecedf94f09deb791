using System.Collections.Concurrent;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Assistant.Tests.Infrastructure;
using Assistant.Transport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assistant.Tests.Inbox;

/// <summary>A handler completing its event in its own batch gets the worker's next event in that round trip.</summary>
public sealed class InboxPipelineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private InboxRepository _inbox = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_completion_in_the_handlers_batch_brings_the_next_event_and_the_worker_runs_them_in_order()
    {
        // Arrange: two events of one conversation and one of another.
        var seen = new ConcurrentQueue<string>();
        await using var services = Services(seen, onHandle: null);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), CancellationToken.None);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 1), CancellationToken.None);
        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0), CancellationToken.None);

        // Act: one pass of one worker.
        var step = await Processor(services).ProcessNextAsync("worker", CancellationToken.None, CancellationToken.None);

        // Assert: all three ran in that pass, each key in order, and the last claim, empty, told the worker to sleep.
        Assert.False(step.Processed);
        Assert.Equal(new InboxOptions().PollInterval, step.IdleFor);
        Assert.Equal(3, seen.Count);
        Assert.Equal(["a:0", "a:1"], seen.Where(s => s.StartsWith("a:", StringComparison.Ordinal)));
        Assert.Equal(["done", "done", "done"], await _database.InboxStatesAsync("test"));
    }

    [Fact]
    public async Task A_worker_that_begins_shutting_down_while_handling_claims_nothing_with_its_completion()
    {
        // Arrange
        var seen = new ConcurrentQueue<string>();
        using var shutdown = new CancellationTokenSource();
        await using var services = Services(seen, onHandle: shutdown.Cancel);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), CancellationToken.None);
        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0), CancellationToken.None);

        // Act
        var step = await Processor(services).ProcessNextAsync("worker", shutdown.Token, CancellationToken.None);

        // Assert: the second event was neither claimed nor counted as an attempt.
        Assert.True(step.Processed);
        Assert.Single(seen);
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var states = (await connection.QueryAsync<(string State, int Attempts)>(
            "SELECT state, attempts FROM inbox_events WHERE source = 'test' ORDER BY id")).ToList();
        Assert.Equal([("done", 1), ("pending", 0)], states);
    }

    [Fact]
    public async Task A_batch_that_fails_keeps_neither_the_completion_nor_the_next_claim()
    {
        // Arrange
        var (completion, batch) = await FirstOfTwoClaimedAndItsCompletionBatchedAsync();
        batch.Execute("SELECT 1 / 0");

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<PostgresException>(() => batch.ExecuteAsync(connection, TestContext.Current.CancellationToken));

        // Assert: the first is still this worker's, the second still claimable by anyone.
        Assert.Null(completion.CompletedWithClaim);
        Assert.Null(completion.NextClaim);
        Assert.Equal(["processing", "pending"], await _database.InboxStatesAsync("test"));
        Assert.Equal("b", (await _inbox.ClaimNextAsync("other", TimeSpan.FromMinutes(1), CancellationToken.None))?.OrderingKey);
    }

    [Fact]
    public async Task A_completion_batch_claims_the_workers_next_event_with_it()
    {
        // Arrange
        var (completion, batch) = await FirstOfTwoClaimedAndItsCompletionBatchedAsync();

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await batch.ExecuteAsync(connection, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(completion.CompletedWithClaim);
        Assert.Equal("b", completion.NextClaim?.Event?.OrderingKey);
        Assert.Equal(["done", "processing"], await _database.InboxStatesAsync("test"));
    }

    [Fact]
    public async Task A_completion_claims_nothing_while_another_claim_is_running()
    {
        // Arrange: another worker's claim holds the instance's gate.
        using var gate = new SemaphoreSlim(0, 1);
        var (completion, batch) = await FirstOfTwoClaimedAndItsCompletionBatchedAsync(gate);

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await batch.ExecuteAsync(connection, TestContext.Current.CancellationToken);

        // Assert: completed alone, the gate left as it was, "b" left for the next claim.
        Assert.True(completion.CompletedWithClaim);
        Assert.Null(completion.NextClaim);
        Assert.Equal(0, gate.CurrentCount);
        Assert.Equal(["done", "pending"], await _database.InboxStatesAsync("test"));
    }

    [Fact]
    public async Task A_completion_claims_nothing_while_the_instance_runs_over_its_work_budget()
    {
        // Arrange: a budget of one, run over by work that came back from a wait while another had taken the share.
        var budget = new WorkBudget(1);
        using var returning = await budget.TakeAsync(CancellationToken.None);
        returning.Enter();
        var away = WorkBudget.Away();
        using var meanwhile = await budget.TakeAsync(CancellationToken.None);
        away.Dispose();
        using var gate = new SemaphoreSlim(1, 1);
        var (completion, batch) = await FirstOfTwoClaimedAndItsCompletionBatchedAsync(gate, budget);

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await batch.ExecuteAsync(connection, TestContext.Current.CancellationToken);

        // Assert: completed alone; "b" waits for a worker with a share.
        Assert.True(completion.CompletedWithClaim);
        Assert.Null(completion.NextClaim);
        Assert.Equal(1, gate.CurrentCount);
        Assert.Equal(["done", "pending"], await _database.InboxStatesAsync("test"));
    }

    /// <summary>Events of "a" and "b"; the worker holds "a" and batches its completion, which claims next.</summary>
    private async Task<(InboxCompletion Completion, SqlBatch Batch)> FirstOfTwoClaimedAndItsCompletionBatchedAsync(SemaphoreSlim? claimGate = null, WorkBudget? budget = null)
    {
        var completion = new InboxCompletion(_inbox);
        await _inbox.TryAddAsync(RecordingHandler.Event("a", 0), CancellationToken.None);
        await _inbox.TryAddAsync(RecordingHandler.Event("b", 0), CancellationToken.None);
        var first = await _inbox.ClaimNextAsync("worker", TimeSpan.FromMinutes(1), CancellationToken.None);
        completion.Begin(first!.Id, "worker", TimeSpan.FromMinutes(1), CancellationToken.None, claimGate ?? new SemaphoreSlim(1, 1), budget ?? new WorkBudget(4));
        var batch = new SqlBatch();
        completion.AddTo(batch);
        return (completion, batch);
    }

    private ServiceProvider Services(ConcurrentQueue<string> seen, Action? onHandle) => new ServiceCollection()
        .AddSingleton(seen)
        .AddSingleton(new HandleHook(onHandle))
        .AddSingleton(_database.DataSource)
        .AddSingleton(_inbox)
        .AddScoped<InboxCompletion>()
        .AddInboxHandler<BatchCompletingHandler>("test")
        .BuildServiceProvider();

    private InboxProcessor Processor(ServiceProvider services) => new(
        _inbox, _inbox, services.GetRequiredService<IServiceScopeFactory>(), new InboxSignal(), new WorkBudget(4),
        new StaticOptionsMonitor<InboxOptions>(new InboxOptions()), TimeProvider.System, NullLogger<InboxProcessor>.Instance);

    private sealed record HandleHook(Action? Run);

    /// <summary>Records the event and completes it in a batch of its own, as the message and turn handlers do.</summary>
    private sealed class BatchCompletingHandler(
        ConcurrentQueue<string> seen, HandleHook hook, InboxCompletion completion, NpgsqlDataSource dataSource) : IInboxEventHandler
    {
        public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
        {
            seen.Enqueue($"{inboxEvent.OrderingKey}:{System.Text.Json.JsonDocument.Parse(inboxEvent.Payload).RootElement.GetProperty("seq").GetInt32()}");
            hook.Run?.Invoke();
            var batch = new SqlBatch();
            completion.AddTo(batch);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await batch.ExecuteAsync(connection, cancellationToken);
        }
    }
}
