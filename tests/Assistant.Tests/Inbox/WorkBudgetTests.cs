using Assistant.Transport;

namespace Assistant.Tests.Inbox;

public sealed class WorkBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Work_beyond_the_budget_waits_until_a_share_is_given_back()
    {
        // Arrange
        var budget = new WorkBudget(2);
        var first = await budget.TakeAsync(Token);
        using var second = await budget.TakeAsync(Token);

        // Act
        var third = budget.TakeAsync(Token);
        var waitedWhileFull = !third.IsCompleted;
        first.Dispose();
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(10), Token);

        // Assert
        Assert.True(waitedWhileFull);
        Assert.Equal(2, budget.Running);
    }

    [Fact]
    public async Task Shares_are_handed_out_in_the_order_they_were_asked_for()
    {
        // Arrange
        var budget = new WorkBudget(1);
        var held = await budget.TakeAsync(Token);
        var early = budget.TakeAsync(Token);
        var late = budget.TakeAsync(Token);

        // Act
        held.Dispose();
        using var granted = await early.WaitAsync(TimeSpan.FromSeconds(10), Token);

        // Assert
        Assert.False(late.IsCompleted);
        granted.Dispose();
        (await late.WaitAsync(TimeSpan.FromSeconds(10), Token)).Dispose();
    }

    [Fact]
    public async Task A_share_is_free_for_other_work_while_its_work_waits_on_another_service()
    {
        // Arrange
        var budget = new WorkBudget(1);
        using var waiting = await budget.TakeAsync(Token);
        waiting.Enter();

        // Act
        using (WorkBudget.Away())
        {
            using var other = await budget.TakeAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

            // Assert
            Assert.Equal(1, budget.Running);
        }
    }

    [Fact]
    public async Task Work_back_from_a_wait_does_not_queue_and_holds_new_work_back_until_the_count_is_under_budget()
    {
        // Arrange: while the first waits, a second takes the only share.
        var budget = new WorkBudget(1);
        var returning = await budget.TakeAsync(Token);
        returning.Enter();
        var away = WorkBudget.Away();
        var other = await budget.TakeAsync(Token);

        // Act
        away.Dispose();
        var next = budget.TakeAsync(Token);

        // Assert: two run on a budget of one; the next starts only when both have ended.
        Assert.Equal(2, budget.Running);
        Assert.False(budget.WithinBudget);
        other.Dispose();
        Assert.False(next.IsCompleted);
        returning.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(10), Token)).Dispose();
        Assert.Equal(0, budget.Running);
    }

    [Fact]
    public async Task Concurrent_waits_of_one_piece_of_work_free_its_share_once()
    {
        // Arrange
        var budget = new WorkBudget(2);
        using var share = await budget.TakeAsync(Token);
        share.Enter();
        using var other = await budget.TakeAsync(Token);

        // Act
        var typing = WorkBudget.Away();
        var model = WorkBudget.Away();
        var runningWhileAway = budget.Running;
        typing.Dispose();
        var runningWhileOneWaitIsLeft = budget.Running;
        model.Dispose();

        // Assert
        Assert.Equal(1, runningWhileAway);
        Assert.Equal(1, runningWhileOneWaitIsLeft);
        Assert.Equal(2, budget.Running);
    }

    [Fact]
    public async Task A_wait_that_outlives_its_work_gives_back_nothing_twice()
    {
        // Arrange: a request left running when the work ended.
        var budget = new WorkBudget(1);
        var share = await budget.TakeAsync(Token);
        share.Enter();
        var away = WorkBudget.Away();

        // Act
        share.Dispose();
        away.Dispose();

        // Assert
        Assert.Equal(0, budget.Running);
        (await budget.TakeAsync(Token)).Dispose();
        Assert.Equal(0, budget.Running);
    }

    [Fact]
    public async Task A_cancelled_wait_for_a_share_takes_none()
    {
        // Arrange
        var budget = new WorkBudget(1);
        var held = await budget.TakeAsync(Token);
        using var giveUp = new CancellationTokenSource();
        var abandoned = budget.TakeAsync(giveUp.Token);

        // Act
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        held.Dispose();

        // Assert: the share went back to the budget, not to the abandoned wait.
        Assert.Equal(0, budget.Running);
        using var next = await budget.TakeAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(1, budget.Running);
    }

    [Fact]
    public void A_wait_outside_any_work_changes_nothing()
    {
        var budget = new WorkBudget(1);

        using (WorkBudget.Away())
        {
            Assert.Equal(0, budget.Running);
        }

        Assert.Equal(0, budget.Running);
    }

    [Fact]
    public async Task A_request_through_the_service_transport_frees_the_callers_share_while_it_is_in_flight()
    {
        // Arrange
        var budget = new WorkBudget(1);
        using var share = await budget.TakeAsync(Token);
        share.Enter();
        int? runningDuringRequest = null;
        using var http = new HttpClient(new ServiceWaitHandler
        {
            InnerHandler = new RespondingHandler(() => runningDuringRequest = budget.Running),
        });

        // Act
        using var response = await http.GetAsync(new Uri("http://chatwoot.test/api"), Token);

        // Assert
        Assert.Equal(0, runningDuringRequest);
        Assert.Equal(1, budget.Running);
    }

    private sealed class RespondingHandler(Action onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
