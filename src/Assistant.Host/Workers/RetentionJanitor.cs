using Assistant.Engine.Inbox;
using Assistant.Operations.Retention;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Workers;

/// <summary>
/// Hourly: deletes processed inbox events older than <c>Inbox__KeepDone</c>, dead letters older than
/// <c>Inbox__KeepDead</c>, and conversation history (transcript, turns, the bridge's ledger, order look-up misses)
/// older than <c>Retention__KeepHistory</c>, so no table grows without end.
/// </summary>
internal sealed partial class RetentionJanitor(
    InboxRepository inbox,
    HistoryPurger history,
    IOptionsMonitor<InboxOptions> inboxOptions,
    IOptionsMonitor<RetentionOptions> retention,
    TimeProvider clock,
    ILogger<RetentionJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
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

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = await inbox.PurgeDoneAsync(now - inboxOptions.CurrentValue.KeepDone, cancellationToken)
            + await inbox.PurgeDeadAsync(now - inboxOptions.CurrentValue.KeepDead, cancellationToken);
        var purged = await history.PurgeAsync(now - retention.CurrentValue.KeepHistory, cancellationToken);
        if (events + purged.Total > 0)
        {
            Log.Purged(logger, events, purged.Lines, purged.Turns, string.Join(", ", purged.Others.Select(o => $"{o.Value} {o.Key}")));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Deleted past their keeping time: {Events} inbox event(s), {Lines} transcript line(s), {Turns} turn(s); other history: {Others}.")]
        public static partial void Purged(ILogger logger, int events, int lines, int turns, string others);

        [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Could not delete old rows; trying again in an hour.")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
