namespace Assistant.Bench;

/// <summary>What bench/run.sh hands over: the published service, a PostgreSQL superuser connection and the repeat count.</summary>
public sealed record BenchSettings(string ServiceDll, string BenchDll, string Postgres, string Prompts, int Runs)
{
    public static BenchSettings FromEnvironment() => new(
        Required("BENCH_SERVICE_DLL"),
        typeof(BenchSettings).Assembly.Location,
        Required("BENCH_POSTGRES"),
        Required("BENCH_PROMPTS"),
        int.Parse(Environment.GetEnvironmentVariable("BENCH_RUNS") ?? "5", System.Globalization.CultureInfo.InvariantCulture));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set; run bench/run.sh.");
}
