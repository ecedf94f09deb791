using Assistant.Bench;

// One verb per measure; bench/run.sh builds everything in Release, starts PostgreSQL and passes the paths.
return args.FirstOrDefault() switch
{
    "intake" => await IntakeBench.RunAsync(BenchSettings.FromEnvironment()),
    "turns" => await TurnBench.RunAsync(BenchSettings.FromEnvironment()),
    "prompt" => await PromptBench.RunAsync(BenchSettings.FromEnvironment()),
    "backlog" => await BacklogBench.RunAsync(BenchSettings.FromEnvironment()),
    "catalog" => await CatalogBench.RunAsync(BenchSettings.FromEnvironment()),
    "bare" => await BareServer.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: assistant-bench intake|turns|prompt|backlog|catalog   (run through bench/run.sh)");
    return 2;
}
