using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// Reads the catalog into the search index when the service starts and then every <c>Catalog__RefreshEvery</c>. A
/// failed refresh (the store's database down) leaves the last index searchable and is tried again at the next tick.
/// </summary>
public sealed partial class CatalogIndexRefresher(CatalogIndex index, IOptions<CatalogOptions> options, TimeProvider time, ILogger<CatalogIndexRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshEvery, time);
        var first = true;
        do
        {
            try
            {
                if (first)
                {
                    // On a large catalog the first build takes tens of seconds; its count says when searches are whole.
                    var started = time.GetTimestamp();
                    var refresh = await index.FirstRefreshAsync(stoppingToken);
                    first = false;
                    Log.ReadAtStart(logger, refresh.Rewritten, refresh.Updated, refresh.Removed, time.GetElapsedTime(started));
                }
                else if (await index.RefreshAsync(stoppingToken) is { Changed: true } refresh)
                {
                    Log.Refreshed(logger, refresh.Rewritten, refresh.Updated, refresh.Removed);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.RefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Catalog search index: {Rewritten} products (re)indexed, {Updated} updated, {Removed} removed.")]
        public static partial void Refreshed(ILogger logger, int rewritten, int updated, int removed);

        [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "Catalog search index read at start in {Elapsed}: {Rewritten} products (re)indexed, {Updated} updated, {Removed} removed.")]
        public static partial void ReadAtStart(ILogger logger, int rewritten, int updated, int removed, TimeSpan elapsed);

        [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "Refreshing the catalog search index failed; the last index stays searchable and the next refresh tries again.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
