using Assistant.Engine.Storage;
using Assistant.Engine.Turns;
using Assistant.Tests.Infrastructure;
using Dapper;

namespace Assistant.Tests.Turns;

/// <summary>The debounce on a fixed clock: when a turn falls due, and when a due turn gives way to a newer input.</summary>
public sealed class DebounceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromSeconds(8);
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Turn_falls_due_the_debounce_after_its_input_by_the_services_clock()
    {
        // Arrange
        var clock = new FixedClock(Start);
        var options = new StaticOptionsMonitor<AssistantOptions>(new AssistantOptions { DebounceMs = 2500 });
        var scheduler = new TurnScheduler(options, clock);

        // Act
        var batch = new SqlBatch();
        scheduler.Schedule(batch, 1, 42, 7);
        await using (var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await batch.ExecuteAsync(connection, TestContext.Current.CancellationToken);
        }

        // Assert
        await using var read = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var due = await read.QuerySingleAsync<DateTimeOffset>("SELECT next_attempt_at FROM inbox_events WHERE source = 'turn'");
        Assert.Equal(Start.AddMilliseconds(2500), due);
    }

    [Fact]
    public void Due_turn_gives_way_to_a_newer_input_while_the_burst_is_young()
    {
        var pending = Inputs(Start, Start.AddSeconds(1));

        Assert.True(BurstPolicy.WaitsForBurst(pending, dueInputId: 1, Start.AddSeconds(2), MaxDebounce));
    }

    [Fact]
    public void Due_turn_answers_the_burst_once_its_first_input_waited_the_longest_debounce()
    {
        var pending = Inputs(Start, Start.AddSeconds(7));

        Assert.False(BurstPolicy.WaitsForBurst(pending, dueInputId: 1, Start + MaxDebounce, MaxDebounce));
    }

    [Fact]
    public void Turn_due_for_the_newest_input_answers_at_once()
    {
        var pending = Inputs(Start, Start.AddSeconds(1));

        Assert.False(BurstPolicy.WaitsForBurst(pending, dueInputId: 2, Start.AddSeconds(1), MaxDebounce));
    }

    private static PendingInput[] Inputs(params DateTimeOffset[] recorded) =>
        [.. recorded.Select((at, i) => new PendingInput(i + 1, 100 + i, "message", $"message {i + 1}", at))];
}
