using System.Diagnostics;
using System.Globalization;
using Assistant.Engine.Search;
using Assistant.Engine.Storage;
using Assistant.Engine.Store;
using Assistant.Plugins.Knowledge;
using Assistant.Stores;
using Assistant.Stores.Postgres.CatalogSearch;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Bench;

/// <summary>
/// Catalog and help-article search at store scale: the PostgreSQL adapter's product search over a synthetic catalog in
/// three languages (<see cref="SyntheticCatalog"/>) and the knowledge search over about 2,000 passages
/// (<see cref="SyntheticArticles"/>), one search at a time and 32 at once, beside a primary-key read of one product on
/// the same cluster as the reference. The same searches run on a 1,000-product catalog and on the full one.
/// </summary>
public static class CatalogBench
{
    private const int Concurrency = 32;

    private static readonly (ProductQuery Query, string Locale)[] ProductSearches =
    [
        (new("rain jacket"), "en"), (new("red wool scarf"), "en"), (new("waterproof hiking boots 42"), "en"),
        (new("rian jaket"), "en"), (new("leather wallet brown"), "en"), (new("organic cotton t-shirt navy L"), "en"),
        (new("cashmere scarf gift box", MaxPrice: 100m), "en"), (new("stoneware mug", Category: "kitchen"), "en"),
        (new("JKT-RED-000104"), "en"), (new("do you have a linen dress in beige?"), "en"),
        (new("ao khoac di mua"), "vi"), (new("giày chạy bộ size 42"), "vi"), (new("khăn quàng lụa đỏ"), "vi"), (new("vi da nau"), "vi"),
        (new("有没有防水的外套？"), "zh-CN"), (new("红色羊毛围巾"), "zh-CN"), (new("跑步鞋42码"), "zh-CN"), (new("真皮钱包"), "zh-CN"),
    ];

    private static readonly (string Question, string Locale)[] ArticleSearches =
    [
        ("how do I return an item?", "en"), ("shipping to Canada, how long?", "en"), ("how to wash a cashmere scarf", "en"),
        ("size guide for boots", "en"), ("doi tra hang nhu the nao", "vi"), ("giao hàng đến Nhật Bản mất bao lâu", "vi"),
        ("怎么退货？", "zh-CN"), ("寄往日本要多久", "zh-CN"),
    ];

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        // 32 searches start at once; without threads waiting, the pool's slow growth would be what the p99 measures.
        ThreadPool.SetMinThreads(Concurrency * 2, Concurrency * 2);
        var sizes = (Environment.GetEnvironmentVariable("BENCH_CATALOG_SIZES") ?? "1000,100000")
            .Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine("catalog and help-article search (PostgreSQL adapter), latency in ms; reference: a primary-key read of one product on the same cluster");
        Console.WriteLine("| catalog | search | one at a time p50 | p99 | 32 at once p50 | p99 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            await MeasureAsync(settings, size);
        }

        return 0;
    }

    private static async Task MeasureAsync(BenchSettings settings, int size)
    {
        var connection = await BenchDatabase.CreateAsync(settings.Postgres, "catalog");
        await using var services = Compose(connection);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await SyntheticCatalog.FillAsync(connection, size);
        var filled = clock.Elapsed;

        var state = services.GetRequiredService<NpgsqlDataSource>();
        var catalog = services.GetRequiredService<IProductCatalog>();
        var index = services.GetRequiredService<CatalogIndex>();
        clock.Restart();
        await index.EnsureReadAsync(CancellationToken.None);
        var built = clock.Elapsed;
        await using (var touch = state.CreateCommand($"UPDATE shop.products SET stock = coalesce(stock, 0) + 1 WHERE id % 100 = 7; UPDATE shop.products SET name = name || ' v2' WHERE id % 100 = 1"))
        {
            await touch.ExecuteNonQueryAsync();
        }

        clock.Restart();
        var refresh = await index.RefreshAsync(CancellationToken.None);
        var refreshed = clock.Elapsed;
        clock.Restart();
        await index.RefreshAsync(CancellationToken.None);
        var unchanged = clock.Elapsed;

        var folder = Directory.CreateTempSubdirectory("bench-knowledge").FullName;
        var articles = SyntheticArticles.Write(folder, Path.Combine(Path.GetDirectoryName(settings.Prompts)!, "knowledge"));
        var repository = new KnowledgeRepository(state, services.GetRequiredService<SearchAdmission>());
        await new KnowledgeLibrary(repository, Options.Create(new KnowledgeOptions { Path = folder }), NullLogger<KnowledgeLibrary>.Instance)
            .LoadAsync(CancellationToken.None);
        var passages = await CountAsync(state, "SELECT count(*) FROM knowledge_passages");

        var label = size.ToString("N0", CultureInfo.InvariantCulture);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label} products filled in {filled.TotalSeconds:F1} s; {articles} articles, {passages} passages"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | index: first build {built.TotalSeconds:F1} s; refresh after 1% renamed and 1% restocked ({refresh.Rewritten} rewritten, {refresh.Updated} updated) {refreshed.TotalMilliseconds:F0} ms; refresh with nothing changed {unchanged.TotalMilliseconds:F0} ms | | | | |"));

        await ReportAsync(label, "primary-key read (reference)", [.. Enumerable.Range(1, 20).Select(i => (Func<Task>)(() => ReadProductAsync(state, (i * 37 % size) + 1)))]);
        // The search runs in this process: its collections are the service's (a full one pauses every search at once).
        var (fullCollections, paused) = (GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var statements = await StatementCounter.StartAsync(connection);
        var searched = await ReportAsync(label, "product search", [.. ProductSearches.Select(s => (Func<Task>)(() => catalog.SearchAsync(s.Query, s.Locale, 5, CancellationToken.None)))]);
        if (statements is not null)
        {
            StatementCounter.Print(await statements.ReadAsync(), searched, "product search", top: 8, output: Console.Error);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  product searches: {GC.CollectionCount(2) - fullCollections} full collections, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms paused in all"));
        foreach (var (query, locale) in ProductSearches)
        {
            var took = await TimeAsync(() => catalog.SearchAsync(query, locale, 5, CancellationToken.None));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {took,6:F1} ms  {query.Text} ({locale})"));
        }

        await ReportAsync($"{passages} passages", "help-article search", [.. ArticleSearches.Select(s => (Func<Task>)(() => repository.SearchAsync(s.Question, s.Locale, 3, CancellationToken.None)))]);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bench process peak RSS {PeakRssMiB():F0} MiB"));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The state database and the store adapter as the service composes them, on the bench's database.</summary>
    private static ServiceProvider Compose(string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connection }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddAssistantData(configuration);
        services.AddAssistantStore(configuration);
        return services.BuildServiceProvider();
    }

    /// <returns>How many searches ran, warm-up included.</returns>
    private static async Task<int> ReportAsync(string catalog, string search, IReadOnlyList<Func<Task>> searches)
    {
        foreach (var warm in searches)
        {
            await warm();
        }

        var alone = new List<double>();
        var (serviceBefore, postgresBefore) = (CpuClock.OfProcess(Environment.ProcessId), CpuClock.OfPostgres());
        for (var round = 0; round < 10; round++)
        {
            foreach (var run in searches)
            {
                alone.Add(await TimeAsync(run));
            }
        }

        // Whatever the design, 32 searches at once on these cores cannot all end before 32 × CPU per search / cores.
        var service = (CpuClock.OfProcess(Environment.ProcessId) - serviceBefore).TotalMilliseconds / alone.Count;
        var postgres = (CpuClock.OfPostgres() - postgresBefore).TotalMilliseconds / alone.Count;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {search}, {catalog}: CPU per search {service:F1} ms service + {postgres:F1} ms PostgreSQL; 32 at once: the last ends after at least {Concurrency * (service + postgres) / Environment.ProcessorCount:F0} ms"));

        var together = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < searches.Count * 3; i++)
            {
                together.Add(await TimeAsync(searches[(worker + i) % searches.Count]));
            }
        })));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {catalog} | {search} | {Stats.Percentile(alone, 50):F1} | {Stats.Percentile(alone, 99):F1} | {Stats.Percentile([.. together], 50):F1} | {Stats.Percentile([.. together], 99):F1} |"));
        return searches.Count + alone.Count + together.Count;
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ReadProductAsync(NpgsqlDataSource source, long id)
    {
        await using var command = source.CreateCommand("SELECT * FROM shop.products WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static double PeakRssMiB() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
}
