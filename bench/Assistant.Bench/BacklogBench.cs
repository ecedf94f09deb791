using System.Diagnostics;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Inbox;
using Npgsql;

namespace Assistant.Bench;

/// <summary>
/// How fast a backlog drains: 10,000 stored message_created events of conversations a human owns (stored and folded
/// into state, no turns), all in one conversation or spread over 200, processed by the service with its production
/// defaults from start-up to the last one done; beside pgbench's single-row INSERT of the same size on the same
/// cluster, the reference for what the database can take.
/// </summary>
public static class BacklogBench
{
    private const int Events = 10_000;
    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var insertTps = await Pgbench.InsertRateAsync(settings);
        var drains = new List<Drain>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var one = await DrainAsync(settings, conversations: 1);
            var spread = await DrainAsync(settings, conversations: 200);
            drains.AddRange([one, spread]);
            Console.Error.WriteLine($"  run {run}/{settings.Runs}: one conversation {one.PerSecond:F0} events/s, 200 conversations {spread.PerSecond:F0} events/s");
        }

        Drain Median(int conversations)
        {
            var runs = drains.Where(d => d.Conversations == conversations).ToList();
            return new Drain(conversations, Stats.Median(runs.Select(d => d.PerSecond)),
                Stats.Median(runs.Select(d => d.ServiceCpuMs)), Stats.Median(runs.Select(d => d.PostgresCpuMs)), Stats.Median(runs.Select(d => d.Statements)));
        }

        var (single, many) = (Median(1), Median(200));
        Console.WriteLine($"backlog drain, {Events:N0} stored events, medians of {settings.Runs} runs; reference: pgbench single-row INSERT of the same size, c={Pgbench.Clients}, same cluster");
        Console.WriteLine("| measure | events/s | service CPU ms/event | PostgreSQL CPU ms/event | statements/event | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| pgbench single-row INSERT (reference) | {insertTps:F0} | | | 1 | |");
        Console.WriteLine($"| backlog in one conversation | {single.PerSecond:F0} | {single.ServiceCpuMs:F2} | {single.PostgresCpuMs:F2} | {single.Statements:F2} | >= 200 |");
        Console.WriteLine($"| backlog over 200 conversations | {many.PerSecond:F0} ({many.PerSecond / insertTps:F2}x pgbench) | {many.ServiceCpuMs:F2} | {many.PostgresCpuMs:F2} | {many.Statements:F2} | >= 0.25x pgbench |");
        return 0;
    }

    /// <summary>
    /// One drain: events per second from start-up to the last one done; CPU per event once the service is up;
    /// statements per event from start-up (NaN when the cluster does not count them).
    /// </summary>
    private sealed record Drain(int Conversations, double PerSecond, double ServiceCpuMs, double PostgresCpuMs, double Statements);

    private static async Task<Drain> DrainAsync(BenchSettings settings, int conversations)
    {
        var database = await BenchDatabase.CreateAsync(settings.Postgres, "backlog");
        var environment = ServiceEnvironment(settings, database);
        if (await ChildProcess.RunToEndAsync(settings.ServiceDll, ["migrate"], environment) != 0)
        {
            throw new InvalidOperationException("migrate failed");
        }

        await StoreAsync(database, conversations);
        var statements = await StatementCounter.StartAsync(database);
        var port = ChildProcess.FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var started = Stopwatch.StartNew();
        await using var service = await ChildProcess.StartAsync(settings.ServiceDll, ["serve"], environment, port);
        await using var probe = await QueueProbe.OpenAsync(database);
        var (cpuBefore, postgresBefore, doneBefore) = (service.CpuTime, CpuClock.OfPostgres(), await probe.DoneAsync());
        await probe.WaitUntilDrainedAsync(TimeSpan.FromMinutes(10));
        var elapsed = started.Elapsed;
        var (cpu, postgres) = (service.CpuTime - cpuBefore, CpuClock.OfPostgres() - postgresBefore);
        var measured = Math.Max(1, Events - doneBefore);
        var ran = statements is null ? double.NaN : (await statements.ReadAsync()).Sum(s => s.Calls) / (double)Events;
        return new Drain(conversations, Events / elapsed.TotalSeconds, cpu.TotalMilliseconds / measured, postgres.TotalMilliseconds / measured, ran);
    }

    /// <summary>Stores the backlog through the inbox itself, as intake would have, before the service starts.</summary>
    private static async Task StoreAsync(string database, int conversations)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var inbox = new InboxRepository(dataSource, TimeProvider.System);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            for (var n = Interlocked.Increment(ref next); n < Events; n = Interlocked.Increment(ref next))
            {
                var conversation = 1 + (n % conversations);
                await inbox.TryAddAsync(new NewInboxEvent(ChatwootEnvelope.Source, Guid.NewGuid().ToString(), "message_created",
                    ChatwootEnvelope.ConversationKey(1, conversation), Webhooks.HumanOwnedPayload(conversation, $"Message {n}")), CancellationToken.None);
            }
        }));
    }

    private static Dictionary<string, string> ServiceEnvironment(BenchSettings settings, string database) => new()
    {
        ["ConnectionStrings__Postgres"] = database,
        ["Chatwoot__BaseUrl"] = "http://127.0.0.1:9/",
        ["Chatwoot__AllowPlainHttp"] = "true",
        ["Chatwoot__BotToken"] = "bench-bot-token",
        ["Chatwoot__WebhookSecret"] = Webhooks.Secret,
        ["Assistant__PromptsPath"] = settings.Prompts,
    };
}
