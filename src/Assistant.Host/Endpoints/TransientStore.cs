using Npgsql;

namespace Assistant.Host.Endpoints;

/// <summary>
/// Storing a webhook rides out a database blip (a failover, a restart, pooled connections it cut) inside the request:
/// Chatwoot gives a webhook 5 s and retries a 500 only twice, so a second spent here saves a delivery.
/// </summary>
internal static class TransientStore
{
    private const int Attempts = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task<T> RunAsync<T>(Func<Task<T>> store, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store();
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Pause * attempt, cancellationToken);
            }
        }
    }
}
