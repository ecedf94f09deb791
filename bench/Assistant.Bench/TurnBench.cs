using System.Diagnostics;
using System.Globalization;

namespace Assistant.Bench;

/// <summary>
/// Turn overhead: 100 conversations write at once; each turn's time from sending the webhook to its reply reaching the
/// fake Chatwoot, minus the debounce and the model's fixed latency, is what the service itself costs. Peak RSS of the
/// service process is read at the end.
/// </summary>
public static class TurnBench
{
    private const int Conversations = 100;
    private const int DebounceMs = 300;

    // Tiered JIT recompiles hot code for a while after start; one round left it compiling through the measured ones.
    private const int WarmUpRounds = 3;
    private const int TurnsAlone = 20;

    // Conversation ids of the one-at-a-time turns start above any burst round's.
    private const int SoloRounds = 100;
    private static readonly TimeSpan ModelLatency = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        await using var upstreams = await FakeUpstreams.StartAsync(ModelLatency);
        var port = ChildProcess.FreePort();
        var connection = await BenchDatabase.CreateAsync(settings.Postgres, "turns");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = connection,
            ["Chatwoot__BaseUrl"] = upstreams.BaseUrl.ToString(),
            ["Chatwoot__AllowPlainHttp"] = "true",
            ["Chatwoot__BotToken"] = "bench-bot-token",
            ["Chatwoot__WebhookSecret"] = Webhooks.Secret,
            ["Llm__Endpoint"] = new Uri(upstreams.BaseUrl, "v1").ToString(),
            ["Llm__AllowPlainHttp"] = "true",
            ["Llm__ApiKey"] = "bench-llm-key",
            ["Assistant__PromptsPath"] = settings.Prompts,
            ["Assistant__DebounceMs"] = DebounceMs.ToString(CultureInfo.InvariantCulture),
        };
        await ChildProcess.RunToEndAsync(settings.ServiceDll, ["seed-demo"], environment);
        await using var service = await ChildProcess.StartAsync(settings.ServiceDll, ["serve"], environment, port);
        using var http = Load.Client(service.BaseUrl, Conversations);

        for (var warmUp = 1; warmUp <= WarmUpRounds; warmUp++)
        {
            await RoundAsync(http, upstreams, service, -warmUp, Conversations);
        }

        var statements = await StatementCounter.StartAsync(connection);
        await using var runtime = RuntimeCounters.Start(service.ProcessId);
        var rounds = new List<Round>();
        for (var round = 1; round <= settings.Runs; round++)
        {
            rounds.Add(await RoundAsync(http, upstreams, service, round, Conversations));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}/{settings.Runs}: p50 {rounds[^1].P50:F1} ms, p99 {rounds[^1].P99:F1} ms"));
        }

        var counted = statements is null ? null : await statements.ReadAsync();
        var runtimeOfRounds = runtime.Read();

        // The same turn with nothing else running: what the service itself adds, without waiting for the CPU.
        var alone = new List<double>();
        for (var turn = 1; turn <= TurnsAlone; turn++)
        {
            alone.Add((await RoundAsync(http, upstreams, service, SoloRounds + turn, 1)).P50);
        }

        var modelMs = Stats.Median(upstreams.ModelMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"turn overhead, {Conversations} concurrent conversations, model fixed at {ModelLatency.TotalMilliseconds:F0} ms (measured {modelMs:F1} ms), debounce {DebounceMs} ms; medians of {settings.Runs} rounds"));
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("|---|---:|---:|");
        var (serviceCpu, postgresCpu) = (Stats.Median(rounds.Select(r => r.ServiceCpuMs)), Stats.Median(rounds.Select(r => r.PostgresCpuMs)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| overhead p50, 100 at once | {Stats.Median(rounds.Select(r => r.P50)):F1} ms | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| overhead p99, 100 at once | {Stats.Median(rounds.Select(r => r.P99)):F1} ms | <= 400 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| overhead p50, one conversation at a time ({TurnsAlone} turns) | {Stats.Median(alone):F1} ms | <= 10 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| overhead p99, one conversation at a time ({TurnsAlone} turns) | {Stats.Percentile(alone, 99):F1} ms | <= 20 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| CPU per turn, service + PostgreSQL | {serviceCpu:F1} + {postgresCpu:F1} = {serviceCpu + postgresCpu:F1} ms | <= 8 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| service peak RSS | {service.PeakRssMiB:F0} MiB | <= 200 MB |"));
        Console.WriteLine($"runtime of the service over the {Conversations}-at-once rounds: {runtimeOfRounds}");
        if (counted is not null)
        {
            Console.WriteLine();
            StatementCounter.Print(counted, settings.Runs * Conversations, "turn");
        }

        return 0;
    }

    /// <param name="ServiceCpuMs">CPU the service spent per turn, from the first webhook to the last reply.</param>
    /// <param name="PostgresCpuMs">CPU PostgreSQL spent per turn over the same time.</param>
    private sealed record Round(double P50, double P99, double ServiceCpuMs, double PostgresCpuMs);

    private static async Task<Round> RoundAsync(HttpClient http, FakeUpstreams upstreams, ChildProcess service, int round, int count)
    {
        upstreams.ModelMilliseconds.Clear();
        var (cpuBefore, postgresBefore) = (service.CpuTime, CpuClock.OfPostgres());
        var sent = new Dictionary<long, long>();
        var conversations = Enumerable.Range(1, count).Select(c => (long)((round + WarmUpRounds + 1) * 1000) + c).ToList();
        await Task.WhenAll(conversations.Select(async id =>
        {
            using var request = Webhooks.CustomerMessage(id, "Hi, where is my order #1042?");
            var started = Stopwatch.GetTimestamp();
            lock (sent)
            {
                sent[id] = started;
            }

            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }));

        var deadline = Stopwatch.StartNew();
        while (!conversations.All(upstreams.ReplyTimestamps.ContainsKey))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{conversations.Count(c => !upstreams.ReplyTimestamps.ContainsKey(c))} conversations got no reply.");
            }

            await Task.Delay(20);
        }

        var (cpu, postgres) = (service.CpuTime - cpuBefore, CpuClock.OfPostgres() - postgresBefore);
        var modelMs = Stats.Median(upstreams.ModelMilliseconds);
        List<double> overheads = [.. conversations.Select(id =>
            Stopwatch.GetElapsedTime(sent[id], upstreams.ReplyTimestamps[id]).TotalMilliseconds - DebounceMs - modelMs)];
        return new Round(Stats.Percentile(overheads, 50), Stats.Percentile(overheads, 99),
            cpu.TotalMilliseconds / count, postgres.TotalMilliseconds / count);
    }
}
