using System.Diagnostics;

namespace Assistant.Bench;

/// <summary>Load generators: closed loop (fixed concurrency, as fast as answers come) and open loop (fixed arrival rate).</summary>
public static class Load
{
    public sealed record Result(double RequestsPerSecond, double P50Ms, double P99Ms, int Errors);

    public static async Task<Result> ClosedLoopAsync(HttpClient http, int concurrency, TimeSpan duration, Func<long, HttpRequestMessage> request)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        long sequence = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var message = request(Interlocked.Increment(ref sequence));
                using var response = await http.SendAsync(message);
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).ToList();
        return new Result(all.Count / clock.Elapsed.TotalSeconds, Stats.Percentile(all, 50), Stats.Percentile(all, 99), errors);
    }

    public static async Task<Result> OpenLoopAsync(HttpClient http, int perSecond, TimeSpan duration, Func<long, HttpRequestMessage> request)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new double[total];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var index = i;
            sends.Add(Task.Run(async () =>
            {
                // Latency counts from when the request was due, so a stalled generator cannot hide queueing (no coordinated omission).
                var scheduled = due;
                using var message = request(index);
                using var response = await http.SendAsync(message);
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(sends);
        return new Result(total / clock.Elapsed.TotalSeconds, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), errors);
    }

    public static HttpClient Client(Uri baseUrl, int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
