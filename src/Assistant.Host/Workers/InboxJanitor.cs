using Assistant.Core.Inbox;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Workers;

/// <summary>Deletes processed inbox events older than <c>Inbox__KeepDone</c>, hourly, so the table does not grow without end.</summary>
internal sealed partial class InboxJanitor(InboxRepository inbox, IOptionsMonitor<InboxOptions> options, TimeProvider clock, ILogger<InboxJanitor> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var purged = await inbox.PurgeDoneAsync(clock.GetUtcNow() - options.CurrentValue.KeepDone, stoppingToken);
                if (purged > 0)
                {
                    Log.Purged(logger, purged);
                }

                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.Failed(logger, ex);
                await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Deleted {Count} processed inbox event(s) past their keeping time.")]
        public static partial void Purged(ILogger logger, int count);

        [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Could not delete old inbox events; trying again in an hour.")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
