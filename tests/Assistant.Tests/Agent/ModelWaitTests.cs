using Assistant.Agent;
using Assistant.Engine.Turns;
using Assistant.Tests.Infrastructure;
using Assistant.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Tests.Agent;

public sealed class ModelWaitTests
{
    [Fact]
    public async Task A_turn_waiting_on_the_model_lends_its_share_of_the_work_budget_to_other_work()
    {
        // Arrange: a model that does not answer, a budget of one held by the turn.
        var token = TestContext.Current.CancellationToken;
        await using var openAI = await FakeOpenAI.StartAsync();
        openAI.ThenHang();
        var model = ModelClient.Create(new LlmOptions { Endpoint = openAI.Endpoint, ApiKey = "test", AllowPlainHttp = true }, NullLoggerFactory.Instance);
        var budget = new WorkBudget(1);
        using var turn = await budget.TakeAsync(token);
        turn.Enter();
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(token);

        // Act
        var thinking = model.GetChatMessageContentAsync(new ChatHistory([new ChatMessageContent(AuthorRole.User, "where is 1042?")]), cancellationToken: giveUp.Token);
        using var other = await budget.TakeAsync(token).WaitAsync(TimeSpan.FromSeconds(30), token);

        // Assert: the other work got the only share; once the call is over, the turn runs again (over the budget).
        Assert.Equal(1, budget.Running);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => thinking);
        Assert.Equal(2, budget.Running);
    }
}
