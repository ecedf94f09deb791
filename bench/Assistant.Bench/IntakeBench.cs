using System.Globalization;

namespace Assistant.Bench;

/// <summary>
/// Webhook intake: signed message_created webhooks of conversations a human owns (stored, then folded into state by
/// the workers; no turns) against the real service, beside two references measured in the same run: a bare Kestrel
/// endpoint that only reads the body and answers 200, and pgbench's single-row INSERT of the same size and
/// concurrency on the same cluster. After the load, the time the workers need to finish what it stored gives the
/// sustained processing rate.
/// </summary>
public static class IntakeBench
{
    private const int Concurrency = 32;
    private const int FixedRate = 500;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var insertTps = await Pgbench.InsertRateAsync(settings);
        var rows = new List<Row>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            rows.Add(await MeasureAsync("bare Kestrel", await StartBareAsync(settings), database: null));
            var database = await BenchDatabase.CreateAsync(settings.Postgres, "intake");
            rows.Add(await MeasureAsync("service", await StartServiceAsync(settings, database), database));
            Console.Error.WriteLine($"  run {run}/{settings.Runs}: bare {rows[^2].Closed.RequestsPerSecond:F0} rps, service {rows[^1].Closed.RequestsPerSecond:F0} rps, processed {rows[^1].ProcessedPerSecond:F0}/s");
        }

        Report(rows, insertTps);
        return 0;
    }

    /// <param name="CpuMsPerRequest">CPU the target process spent per request during the throughput run.</param>
    /// <param name="PostgresCpuMsPerRequest">CPU PostgreSQL spent per request during the same run.</param>
    /// <param name="ProcessedPerSecond">Events the workers finished per second, from the start of the load until they caught up.</param>
    /// <param name="DrainSeconds">How long the workers took to catch up once the load stopped.</param>
    /// <param name="Batches">Webhooks per group-commit INSERT over the warm-up and throughput runs (p50, p99, max).</param>
    /// <param name="Runtime">The target's GC and thread pool during the throughput run.</param>
    private sealed record Row(
        string Target, Load.Result Closed, Load.Result Open, double CpuMsPerRequest, double PostgresCpuMsPerRequest,
        double ProcessedPerSecond, double DrainSeconds, (double P50, double P99, double Max) Batches, RuntimeCounters.Summary Runtime);

    private static async Task<Row> MeasureAsync(string name, ChildProcess target, string? database)
    {
        await using (target)
        {
            await using var probe = database is null ? null : await QueueProbe.OpenAsync(database);
            await using var counters = RuntimeCounters.Start(target.ProcessId);
            using var http = Load.Client(target.BaseUrl, Concurrency);
            static HttpRequestMessage Next(long n) => Webhooks.HumanOwnedMessage(1 + (n % 200), "Hi, where is my order #1042?");
            await Load.ClosedLoopAsync(http, Concurrency, TimeSpan.FromSeconds(2), Next); // warm-up: JIT, pools
            await WaitUntilDrainedAsync(probe);

            var doneBefore = probe is null ? 0 : await probe.DoneAsync();
            var (cpuBefore, postgresBefore) = (target.CpuTime, CpuClock.OfPostgres());
            counters.Restart();
            var closed = await Load.ClosedLoopAsync(http, Concurrency, Duration, Next);
            var (cpu, postgres) = (target.CpuTime - cpuBefore, CpuClock.OfPostgres() - postgresBefore);
            var runtime = counters.Read();
            var drain = await WaitUntilDrainedAsync(probe);
            var processed = probe is null ? 0 : (await probe.DoneAsync() - doneBefore) / (Duration + drain).TotalSeconds;
            var batches = probe is null ? default : await probe.IntakeBatchSizesAsync();

            var open = await Load.OpenLoopAsync(http, FixedRate, Duration, Next);
            var requests = closed.RequestsPerSecond * Duration.TotalSeconds;
            return new Row(name, closed, open, cpu.TotalMilliseconds / requests, postgres.TotalMilliseconds / requests, processed, drain.TotalSeconds, batches, runtime);
        }
    }

    private static async Task<TimeSpan> WaitUntilDrainedAsync(QueueProbe? probe) =>
        probe is null ? TimeSpan.Zero : await probe.WaitUntilDrainedAsync(TimeSpan.FromMinutes(10));

    private static Task<ChildProcess> StartBareAsync(BenchSettings settings)
    {
        var port = ChildProcess.FreePort();
        return ChildProcess.StartAsync(settings.BenchDll, ["bare", port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), port);
    }

    private static async Task<ChildProcess> StartServiceAsync(BenchSettings settings, string database)
    {
        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = database,
            ["Chatwoot__BaseUrl"] = "http://127.0.0.1:9/",
            ["Chatwoot__AllowPlainHttp"] = "true",
            ["Chatwoot__BotToken"] = "bench-bot-token",
            ["Chatwoot__WebhookSecret"] = Webhooks.Secret,
            ["Assistant__PromptsPath"] = settings.Prompts,
        };
        return await ChildProcess.StartAsync(settings.ServiceDll, ["serve"], environment, port);
    }

    private static void Report(List<Row> rows, double insertTps)
    {
        double Median(string target, Func<Row, double> pick) => Stats.Median(rows.Where(r => r.Target == target).Select(pick));
        string Line(string target) => string.Create(CultureInfo.InvariantCulture,
            $"| {target} | {Median(target, r => r.Closed.RequestsPerSecond):F0} | {Median(target, r => r.Closed.P50Ms):F2} | {Median(target, r => r.Closed.P99Ms):F2} | {Median(target, r => r.Open.P50Ms):F2} | {Median(target, r => r.Open.P99Ms):F2} | {rows.Where(r => r.Target == target).Sum(r => r.Closed.Errors + r.Open.Errors)} | {Median(target, r => r.CpuMsPerRequest):F3} | {Median(target, r => r.PostgresCpuMsPerRequest):F3} |");

        Console.WriteLine($"webhook intake of conversations a human owns, medians of {rows.Count / 2} runs ({Concurrency} concurrent for throughput; {FixedRate}/s fixed rate for latency)");
        Console.WriteLine("| target | requests/s | p50 ms | p99 ms | p50 ms at 500/s | p99 ms at 500/s | errors | CPU ms/request | PostgreSQL CPU ms/request |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Line("bare Kestrel"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| pgbench single-row INSERT, c={Pgbench.Clients} | {insertTps:F0} | | | | | | | |"));
        Console.WriteLine(Line("service"));

        var acknowledged = Median("service", r => r.Closed.RequestsPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged: {acknowledged / insertTps:F2}x pgbench (target >= 0.5x), {acknowledged / Median("bare Kestrel", r => r.Closed.RequestsPerSecond):F2}x bare Kestrel; p99 at 500/s {Median("service", r => r.Open.P99Ms):F2} ms (target <= 10 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"processed (acknowledged and folded into state): {Median("service", r => r.ProcessedPerSecond):F0} events/s sustained, {Median("service", r => r.DrainSeconds):F1} s to catch up after the {Duration.TotalSeconds:F0} s load"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"group commit at c={Concurrency}: webhooks per INSERT p50 {Median("service", r => r.Batches.P50):F0}, p99 {Median("service", r => r.Batches.P99):F0}, max {Median("service", r => r.Batches.Max):F0}"));
        foreach (var row in rows)
        {
            Console.WriteLine($"runtime of {row.Target} at c={Concurrency}: {row.Runtime}");
        }
    }
}
