using Assistant.Engine.Inbox;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Workers;

/// <summary>
/// Runs <see cref="InboxOptions.Workers"/> loops that claim and process inbox events. On shutdown no new event is
/// claimed and events in flight get <see cref="InboxOptions.ShutdownGrace"/> to finish before they are interrupted
/// (and released for another instance).
/// </summary>
internal sealed partial class InboxWorker(
    InboxProcessor processor,
    InboxSignal signal,
    IOptionsMonitor<InboxOptions> options,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource _hardStop = new();
    private readonly string _instanceId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(1, options.CurrentValue.Workers)
            .Select(i => Task.Run(() => RunLoopAsync($"{_instanceId}:{i}", stoppingToken), CancellationToken.None));
        return Task.WhenAll(loops);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _hardStop.CancelAfter(options.CurrentValue.ShutdownGrace);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    private async Task RunLoopAsync(string workerId, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var step = await processor.ProcessNextAsync(workerId, stoppingToken, _hardStop.Token);
                failures = 0;
                if (!step.Processed)
                {
                    await signal.WaitAsync(step.IdleFor, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is away: back off instead of spinning, and keep going.
                failures++;
                Log.LoopFailed(logger, ex, workerId);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures))), stoppingToken)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 50, Level = LogLevel.Error, Message = "Inbox worker {WorkerId} failed; backing off.")]
        public static partial void LoopFailed(ILogger logger, Exception exception, string workerId);
    }
}
