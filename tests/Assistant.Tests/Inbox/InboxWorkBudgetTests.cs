using System.Collections.Concurrent;
using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Inbox;

/// <summary>Workers run events within the instance's work budget, which does not count their waits on other services.</summary>
public sealed class InboxWorkBudgetTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_worker_waiting_on_another_service_lets_another_worker_run_an_event_on_a_budget_of_one()
    {
        // Arrange: "a" calls a service that answers only when told; "b" only records itself.
        var inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
        var service = new HeldService();
        var handled = new ConcurrentQueue<string>();
        await using var services = new ServiceCollection()
            .AddSingleton(service)
            .AddSingleton(handled)
            .AddInboxHandler<ServiceCallingHandler>("test")
            .BuildServiceProvider();
        var budget = new WorkBudget(1);
        var processor = new InboxProcessor(inbox, inbox, services.GetRequiredService<IServiceScopeFactory>(), new InboxSignal(), budget,
            new StaticOptionsMonitor<InboxOptions>(new InboxOptions()), TimeProvider.System, NullLogger<InboxProcessor>.Instance);
        await inbox.TryAddAsync(RecordingHandler.Event("a", 0), CancellationToken.None);
        await inbox.TryAddAsync(RecordingHandler.Event("b", 0), CancellationToken.None);
        var waiting = processor.ProcessNextAsync("worker-1", CancellationToken.None, CancellationToken.None);
        await service.Called.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Act
        await processor.ProcessNextAsync("worker-2", CancellationToken.None, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Assert: "b" ran while "a" waited; "a" then finished within the budget again.
        Assert.Equal(["b"], handled);
        service.Answer.SetResult();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(["b", "a"], handled);
        Assert.Equal(0, budget.Running);
        Assert.Equal(["done", "done"], await _database.InboxStatesAsync("test"));
    }

    /// <summary>A service that takes the request and answers when the test says so.</summary>
    private sealed class HeldService : HttpMessageHandler
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            await Answer.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }

    private sealed class ServiceCallingHandler(HeldService service, ConcurrentQueue<string> handled) : IInboxEventHandler
    {
        public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
        {
            if (inboxEvent.OrderingKey == "a")
            {
                using var http = new HttpClient(new ServiceWaitHandler { InnerHandler = service }, disposeHandler: false);
                using var response = await http.GetAsync(new Uri("http://store.test/orders/1042"), cancellationToken);
            }

            handled.Enqueue(inboxEvent.OrderingKey);
        }
    }
}
