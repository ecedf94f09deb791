using Assistant.Engine.Inbox;
using Npgsql;

namespace Assistant.Host.Workers;

/// <summary>
/// Holds a connection that LISTENs for new inbox events, so a webhook stored by any instance wakes every instance's
/// workers at once; the workers' polling covers the gaps while the connection is down.
/// </summary>
internal sealed partial class InboxNotificationListener(NpgsqlDataSource dataSource, InboxSignal signal, ILogger<InboxNotificationListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {InboxRepository.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything stored while we were not listening is picked up by this wake-up.
                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.ListenFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Lost the inbox notification connection; relying on polling until it is back.")]
        public static partial void ListenFailed(ILogger logger, Exception exception);
    }
}
