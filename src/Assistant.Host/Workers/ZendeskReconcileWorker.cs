using Assistant.Bridge;
using Assistant.Zendesk;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Workers;

/// <summary>Runs the Zendesk reconciler every <c>Zendesk__ReconcileInterval</c> while the bridge is enabled.</summary>
internal sealed partial class ZendeskReconcileWorker(IServiceScopeFactory scopes, IOptionsMonitor<ZendeskOptions> options, ILogger<ZendeskReconcileWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.ReconcileInterval, stoppingToken);
                if (options.CurrentValue.Enabled)
                {
                    // A scope per pass: the reconciler's Zendesk client comes from the HTTP client factory, which rotates handlers.
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ZendeskReconciler>().ReconcileAsync(LookBack, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Zendesk or the database is away; the next pass tries again.
                Log.PassFailed(logger, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "A Zendesk reconcile pass failed; the next one retries.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
