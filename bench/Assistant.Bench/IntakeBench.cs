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
        var rows = new List<Row>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            rows.Add(await MeasureAsync("bare", await StartBareAsync(settings)));
            rows.Add(await MeasureAsync("service", await StartServiceAsync(settings)));
            Console.Error.WriteLine($"  run {run}/{settings.Runs}: bare {rows[^2].Closed.RequestsPerSecond:F0} rps, service {rows[^1].Closed.RequestsPerSecond:F0} rps");
        }

        Report(rows);
        return 0;
    }

    /// <param name="CpuMsPerRequest">CPU the target process spent per request during the throughput run.</param>
    /// <param name="PostgresCpuMsPerRequest">CPU PostgreSQL spent per request during the same run.</param>
    private sealed record Row(string Target, Load.Result Closed, Load.Result Open, double CpuMsPerRequest, double PostgresCpuMsPerRequest);

    private static async Task<Row> MeasureAsync(string name, ChildProcess target)
    {
        await using (target)
        {
            using var http = Load.Client(target.BaseUrl, Concurrency);
            static HttpRequestMessage Next(long n) => Webhooks.CustomerMessage(1 + (n % 500), "Hi, where is my order #1042?");
            await Load.ClosedLoopAsync(http, Concurrency, TimeSpan.FromSeconds(2), Next); // warm-up: JIT, pools
            var (cpuBefore, postgresBefore) = (target.CpuTime, CpuClock.OfPostgres());
            var closed = await Load.ClosedLoopAsync(http, Concurrency, Duration, Next);
            var (cpu, postgres) = (target.CpuTime - cpuBefore, CpuClock.OfPostgres() - postgresBefore);
            var open = await Load.OpenLoopAsync(http, FixedRate, Duration, Next);
            var requests = closed.RequestsPerSecond * Duration.TotalSeconds;
            return new Row(name, closed, open, cpu.TotalMilliseconds / requests, postgres.TotalMilliseconds / requests);
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
            ["Chatwoot__AllowPlainHttp"] = "true",
            ["Chatwoot__BotToken"] = "bench-bot-token",
            ["Chatwoot__WebhookSecret"] = Webhooks.Secret,
            ["Assistant__PromptsPath"] = settings.Prompts,
            // Intake is measured here, not turns: keep them from falling due during the run.
            ["Assistant__DebounceMs"] = "60000",
            ["Assistant__MaxDebounceMs"] = "120000",
        };
        return await ChildProcess.StartAsync(settings.ServiceDll, ["serve"], environment, port);
    }

    private static void Report(List<Row> rows)
    {
        double Median(string target, Func<Row, double> pick) => Stats.Median(rows.Where(r => r.Target == target).Select(pick));

        Console.WriteLine($"webhook intake, medians of {rows.Count / 2} runs ({Concurrency} concurrent for throughput; {FixedRate}/s fixed rate for latency)");
        Console.WriteLine("| target | requests/s | p50 ms | p99 ms | p50 ms at 500/s | p99 ms at 500/s | errors | CPU ms/request | PostgreSQL CPU ms/request |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var target in new[] { "bare", "service" })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target} | {Median(target, r => r.Closed.RequestsPerSecond):F0} | {Median(target, r => r.Closed.P50Ms):F2} | {Median(target, r => r.Closed.P99Ms):F2} | {Median(target, r => r.Open.P50Ms):F2} | {Median(target, r => r.Open.P99Ms):F2} | {rows.Where(r => r.Target == target).Sum(r => r.Closed.Errors + r.Open.Errors)} | {Median(target, r => r.CpuMsPerRequest):F3} | {Median(target, r => r.PostgresCpuMsPerRequest):F3} |"));
        }

        var ratio = Median("service", r => r.Closed.RequestsPerSecond) / Median("bare", r => r.Closed.RequestsPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service/bare throughput: {ratio:F2}x (target >= 0.5x); service p99 at 500/s: {Median("service", r => r.Open.P99Ms):F2} ms (target <= 10 ms)"));
    }
}
