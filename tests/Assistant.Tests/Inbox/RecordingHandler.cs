using System.Collections.Concurrent;
using System.Text.Json;
using Assistant.Engine.Inbox;

namespace Assistant.Tests.Inbox;

/// <summary>
/// A handler for source <c>test</c> that records every run, tracks how many events of one ordering key run at once,
/// and behaves as each payload says: <c>ok</c>, <c>fail</c> (always throws), <c>fail-once</c>, <c>defer-5</c> (asks to
/// wait, five times), <c>block</c> (waits until released), or <c>slow</c> (runs for <see cref="SlowFor"/>).
/// </summary>
public sealed class RecordingHandler : IInboxEventHandler
{
    private readonly ConcurrentDictionary<string, int> _running = new();
    private readonly ConcurrentDictionary<long, int> _failures = new();

    public ConcurrentQueue<(long EventId, string Key, int Sequence, string Worker)> Completed { get; } = new();

    public ConcurrentQueue<long> Started { get; } = new();

    public int MaxConcurrentPerKey { get; private set; }

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource BlockedStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; set; } = "default";

    public TimeSpan SlowFor { get; set; } = TimeSpan.FromSeconds(3);

    public async Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        var payload = JsonDocument.Parse(inboxEvent.Payload).RootElement;
        var behaviour = payload.GetProperty("behaviour").GetString();
        Started.Enqueue(inboxEvent.Id);
        var running = _running.AddOrUpdate(inboxEvent.OrderingKey, 1, (_, n) => n + 1);
        lock (_running)
        {
            MaxConcurrentPerKey = Math.Max(MaxConcurrentPerKey, running);
        }

        try
        {
            switch (behaviour)
            {
                case "fail":
                    throw new InvalidOperationException("scripted failure");
                case "fail-once" when _failures.AddOrUpdate(inboxEvent.Id, 1, (_, n) => n + 1) == 1:
                    throw new InvalidOperationException("scripted first failure");
                case "defer-5" when _failures.AddOrUpdate(inboxEvent.Id, 1, (_, n) => n + 1) <= 5:
                    throw new EventDeferredException("scripted wait", TimeSpan.FromMilliseconds(20));
                case "slow":
                    await Task.Delay(SlowFor, cancellationToken);
                    break;
                case "block":
                    BlockedStarted.TrySetResult();
                    await Release.Task.WaitAsync(cancellationToken);
                    break;
                default:
                    await Task.Delay(Random.Shared.Next(0, 5), cancellationToken);
                    break;
            }

            Completed.Enqueue((inboxEvent.Id, inboxEvent.OrderingKey, payload.GetProperty("seq").GetInt32(), Name));
        }
        finally
        {
            _running.AddOrUpdate(inboxEvent.OrderingKey, 0, (_, n) => n - 1);
        }
    }

    public static NewInboxEvent Event(string key, int sequence, string behaviour = "ok") =>
        new("test", Guid.NewGuid().ToString(), "test_event", key, $$"""{"seq":{{sequence}},"behaviour":"{{behaviour}}"}""");
}
