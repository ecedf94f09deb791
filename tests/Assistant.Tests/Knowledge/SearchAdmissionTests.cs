using Assistant.Engine.Search;

namespace Assistant.Tests.Knowledge;

public sealed class SearchAdmissionTests
{
    [Fact]
    public async Task Searches_past_the_size_wait_and_are_let_in_in_the_order_they_asked()
    {
        // Arrange
        var admission = new SearchAdmission(1);
        var first = await admission.EnterAsync(TestContext.Current.CancellationToken);
        var second = admission.EnterAsync(TestContext.Current.CancellationToken);
        var third = admission.EnterAsync(TestContext.Current.CancellationToken);

        // Act
        var waitingWhileFull = !second.IsCompleted && !third.IsCompleted;
        first.Dispose();
        using var admitted = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Assert
        Assert.True(waitingWhileFull);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, admission.Running);
    }

    [Fact]
    public async Task A_search_that_gives_up_waiting_takes_no_slot()
    {
        var admission = new SearchAdmission(1);
        using var running = await admission.EnterAsync(TestContext.Current.CancellationToken);
        using var giveUp = new CancellationTokenSource();

        var waiting = admission.EnterAsync(giveUp.Token);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, admission.Running);
    }

    [Fact]
    public void The_slot_of_a_search_run_without_admission_gives_nothing_back()
    {
        var slot = default(SearchAdmission.Slot);

        var exception = Record.Exception(slot.Dispose);

        Assert.Null(exception);
    }
}
