using System.Diagnostics;
using System.Globalization;
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
    private const int PgbenchClients = 32;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var insertTps = await PgbenchInsertAsync(settings);
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
                Stats.Median(runs.Select(d => d.ServiceCpuMs)), Stats.Median(runs.Select(d => d.PostgresCpuMs)));
        }

        var (single, many) = (Median(1), Median(200));
        Console.WriteLine($"backlog drain, {Events:N0} stored events, medians of {settings.Runs} runs; reference: pgbench single-row INSERT of the same size, c={PgbenchClients}, same cluster");
        Console.WriteLine("| measure | events/s | service CPU ms/event | PostgreSQL CPU ms/event | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| pgbench single-row INSERT (reference) | {insertTps:F0} | | | |");
        Console.WriteLine($"| backlog in one conversation | {single.PerSecond:F0} | {single.ServiceCpuMs:F2} | {single.PostgresCpuMs:F2} | >= 200 |");
        Console.WriteLine($"| backlog over 200 conversations | {many.PerSecond:F0} ({many.PerSecond / insertTps:F2}x pgbench) | {many.ServiceCpuMs:F2} | {many.PostgresCpuMs:F2} | >= 0.25x pgbench |");
        return 0;
    }

    /// <summary>One drain: events per second from start-up to the last one done; CPU per event once the service is up.</summary>
    private sealed record Drain(int Conversations, double PerSecond, double ServiceCpuMs, double PostgresCpuMs);

    private static async Task<Drain> DrainAsync(BenchSettings settings, int conversations)
    {
        var database = await BenchDatabase.CreateAsync(settings.Postgres, "backlog");
        var environment = ServiceEnvironment(settings, database);
        if (await ChildProcess.RunToEndAsync(settings.ServiceDll, ["migrate"], environment) != 0)
        {
            throw new InvalidOperationException("migrate failed");
        }

        await StoreAsync(database, conversations);
        var port = ChildProcess.FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var started = Stopwatch.StartNew();
        await using var service = await ChildProcess.StartAsync(settings.ServiceDll, ["serve"], environment, port);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var done = new NpgsqlCommand("SELECT count(*) FROM inbox_events WHERE state = 'done'", connection);
        var (cpuBefore, postgresBefore, doneBefore) = (service.CpuTime, CpuClock.OfPostgres(), (long)(await done.ExecuteScalarAsync())!);

        // A key with unfinished events has a head; counting the events instead would cost the drain measurable CPU.
        await using var unfinished = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM inbox_heads WHERE event_id IS NOT NULL)", connection);
        while ((bool)(await unfinished.ExecuteScalarAsync())!)
        {
            if (started.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"the backlog of {conversations} conversations did not drain in 10 minutes");
            }

            await Task.Delay(50);
        }

        var elapsed = started.Elapsed;
        var (cpu, postgres) = (service.CpuTime - cpuBefore, CpuClock.OfPostgres() - postgresBefore);
        var measured = Math.Max(1, Events - doneBefore);
        return new Drain(conversations, Events / elapsed.TotalSeconds, cpu.TotalMilliseconds / measured, postgres.TotalMilliseconds / measured);
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

    /// <summary>pgbench inserting rows of the webhook's size into a jsonb table, 32 clients, on the same cluster.</summary>
    private static async Task<double> PgbenchInsertAsync(BenchSettings settings)
    {
        var database = await BenchDatabase.CreateAsync(settings.Postgres, "pgbench");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, delivery_key text UNIQUE, payload jsonb)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(Path.GetTempPath(), $"bench-insert-{Environment.ProcessId}.sql");
        var payload = Webhooks.HumanOwnedPayload(1, "Hi, where is my order #1042?").Replace("'", "''", StringComparison.Ordinal);
        await File.WriteAllTextAsync(script, $"INSERT INTO bench_rows (delivery_key, payload) VALUES (gen_random_uuid()::text, '{payload}'::jsonb);\n");
        var builder = new NpgsqlConnectionStringBuilder(database);
        var start = new ProcessStartInfo(Pgbench(), ["-n", "-c", PgbenchClients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", "8", "-f", script,
            "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench printed no tps:{Environment.NewLine}{output}");
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string Pgbench() =>
        File.Exists("/usr/lib/postgresql/15/bin/pgbench") ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench";
}
