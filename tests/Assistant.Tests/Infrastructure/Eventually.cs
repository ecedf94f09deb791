namespace Assistant.Tests.Infrastructure;

/// <summary>Waits for asynchronous work (the inbox worker) to reach a state, failing with a message after a generous timeout.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var last = await probe();
        while (!done(last))
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {last}");
            }

            await Task.Delay(50, CancellationToken.None);
            last = await probe();
        }

        return last;
    }
}
