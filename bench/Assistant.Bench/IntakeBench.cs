using System.Globalization;

namespace Assistant.Bench;

/// <summary>
/// Webhook intake: signed message_created webhooks against the real service (signature check, parse, store in
/// PostgreSQL, notify) beside a bare Kestrel endpoint that only reads the body and answers 200, in the same run.
/// </summary>
public static class IntakeBench
{
    private const int Concurrency = 32;
    private const int FixedRate = 500;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var rows = new List<(string Target, Load.Result Closed, Load.Result Open)>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var (bareClosed, bareOpen) = await MeasureAsync(await StartBareAsync(settings));
            rows.Add(("bare", bareClosed, bareOpen));
            var (serviceClosed, serviceOpen) = await MeasureAsync(await StartServiceAsync(settings));
            rows.Add(("service", serviceClosed, serviceOpen));
            Console.Error.WriteLine($"  run {run}/{settings.Runs}: bare {rows[^2].Closed.RequestsPerSecond:F0} rps, service {rows[^1].Closed.RequestsPerSecond:F0} rps");
        }

        Report(rows);
        return 0;
    }

    private static async Task<(Load.Result Closed, Load.Result Open)> MeasureAsync(ChildProcess target)
    {
        await using (target)
        {
            using var http = Load.Client(target.BaseUrl, Concurrency);
            static HttpRequestMessage Next(long n) => Webhooks.CustomerMessage(1 + (n % 500), "Hi, where is my order #1042?");
            await Load.ClosedLoopAsync(http, Concurrency, TimeSpan.FromSeconds(2), Next); // warm-up: JIT, pools
            var closed = await Load.ClosedLoopAsync(http, Concurrency, Duration, Next);
            var open = await Load.OpenLoopAsync(http, FixedRate, Duration, Next);
            return (closed, open);
        }
    }

    private static Task<ChildProcess> StartBareAsync(BenchSettings settings)
    {
        var port = ChildProcess.FreePort();
        return ChildProcess.StartAsync(settings.BenchDll, ["bare", port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), port);
    }

    private static async Task<ChildProcess> StartServiceAsync(BenchSettings settings)
    {
        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = await BenchDatabase.CreateAsync(settings.Postgres, "intake"),
            ["Chatwoot__BaseUrl"] = "http://127.0.0.1:9/",
            ["Chatwoot__BotToken"] = "bench-bot-token",
            ["Chatwoot__WebhookSecret"] = Webhooks.Secret,
            ["Assistant__PromptsPath"] = settings.Prompts,
            // Intake is measured here, not turns: keep them from falling due during the run.
            ["Assistant__DebounceMs"] = "60000",
            ["Assistant__MaxDebounceMs"] = "120000",
        };
        return await ChildProcess.StartAsync(settings.ServiceDll, ["serve"], environment, port);
    }

    private static void Report(List<(string Target, Load.Result Closed, Load.Result Open)> rows)
    {
        double Median(string target, Func<(string Target, Load.Result Closed, Load.Result Open), double> pick) =>
            Stats.Median(rows.Where(r => r.Target == target).Select(pick));

        Console.WriteLine($"webhook intake, medians of {rows.Count / 2} runs ({Concurrency} concurrent for throughput; {FixedRate}/s fixed rate for latency)");
        Console.WriteLine("| target | requests/s | p50 ms | p99 ms | p50 ms at 500/s | p99 ms at 500/s | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var target in new[] { "bare", "service" })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target} | {Median(target, r => r.Closed.RequestsPerSecond):F0} | {Median(target, r => r.Closed.P50Ms):F2} | {Median(target, r => r.Closed.P99Ms):F2} | {Median(target, r => r.Open.P50Ms):F2} | {Median(target, r => r.Open.P99Ms):F2} | {rows.Where(r => r.Target == target).Sum(r => r.Closed.Errors + r.Open.Errors)} |"));
        }

        var ratio = Median("service", r => r.Closed.RequestsPerSecond) / Median("bare", r => r.Closed.RequestsPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service/bare throughput: {ratio:F2}x (target >= 0.5x); service p99 at 500/s: {Median("service", r => r.Open.P99Ms):F2} ms (target <= 10 ms)"));
    }
}
