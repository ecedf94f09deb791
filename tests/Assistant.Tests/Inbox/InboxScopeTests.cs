using System.Collections.Concurrent;
using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Inbox;

public sealed class InboxScopeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Each_event_is_handled_in_a_di_scope_of_its_own_that_ends_with_it()
    {
        // Arrange
        var inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
        var seen = new ConcurrentQueue<ScopedHandler>();
        await using var services = new ServiceCollection().AddSingleton(seen).AddInboxHandler<ScopedHandler>("test").BuildServiceProvider();
        var processor = new InboxProcessor(inbox, inbox, services.GetRequiredService<IServiceScopeFactory>(), new InboxSignal(), new WorkBudget(4),
            new StaticOptionsMonitor<InboxOptions>(new InboxOptions()), TimeProvider.System, NullLogger<InboxProcessor>.Instance);
        await inbox.TryAddAsync(RecordingHandler.Event("a", 0), CancellationToken.None);
        await inbox.TryAddAsync(RecordingHandler.Event("b", 0), CancellationToken.None);

        // Act
        while ((await processor.ProcessNextAsync("worker", CancellationToken.None, CancellationToken.None)).Processed)
        {
        }

        // Assert
        Assert.Equal(2, seen.Distinct().Count());
        Assert.All(seen, handler => Assert.True(handler.Disposed));
        Assert.Equal(["done", "done"], await _database.InboxStatesAsync("test"));
    }

    [Fact]
    public async Task Event_of_a_source_with_no_handler_is_dead_lettered_at_once()
    {
        var inbox = new InboxRepository(_database.DataSource, TimeProvider.System);
        await using var services = new ServiceCollection().BuildServiceProvider();
        var processor = new InboxProcessor(inbox, inbox, services.GetRequiredService<IServiceScopeFactory>(), new InboxSignal(), new WorkBudget(4),
            new StaticOptionsMonitor<InboxOptions>(new InboxOptions()), TimeProvider.System, NullLogger<InboxProcessor>.Instance);
        await inbox.TryAddAsync(RecordingHandler.Event("a", 0), CancellationToken.None);

        await processor.ProcessNextAsync("worker", CancellationToken.None, CancellationToken.None);

        Assert.Equal(["dead"], await _database.InboxStatesAsync("test"));
    }

    private sealed class ScopedHandler(ConcurrentQueue<ScopedHandler> seen) : IInboxEventHandler, IDisposable
    {
        public bool Disposed { get; private set; }

        public Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
        {
            seen.Enqueue(this);
            return Task.CompletedTask;
        }

        public void Dispose() => Disposed = true;
    }
}
