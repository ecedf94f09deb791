using System.Globalization;
using System.Text.Json;
using Assistant.Agent;

namespace Assistant.Bench;

/// <summary>
/// Prompt size: every request the agent sends while `assistant eval` plays the scenarios, split into the system
/// prompt, the tool schemas and the whole request, counted in tokens with the o200k_base encoding (the service's own
/// <see cref="ModelTokens"/>). JSON is counted compact; the model's own framing of tools adds a few tokens per tool
/// that no public tokenizer reproduces.
/// </summary>
public static class PromptBench
{
    public static async Task<int> RunAsync(BenchSettings settings)
    {
        await using var upstreams = await FakeUpstreams.StartAsync(TimeSpan.Zero);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await BenchDatabase.CreateAsync(settings.Postgres, "prompt"),
            ["Llm__Endpoint"] = new Uri(upstreams.BaseUrl, "v1").ToString(),
            ["Llm__AllowPlainHttp"] = "true",
            ["Llm__ApiKey"] = "bench-llm-key",
            ["Assistant__PromptsPath"] = settings.Prompts,
        };
        await ChildProcess.RunToEndAsync(settings.ServiceDll, ["seed-demo"], environment);
        await ChildProcess.RunToEndAsync(settings.ServiceDll, ["eval", "--report", Path.Combine(Path.GetTempPath(), "bench-eval-report.json")], environment);

        // BENCH_DUMP_REQUEST=<file> keeps the first request, to read what the tokens are spent on.
        if (Environment.GetEnvironmentVariable("BENCH_DUMP_REQUEST") is { Length: > 0 } dump && upstreams.ModelRequests.TryPeek(out var first))
        {
            await File.WriteAllTextAsync(dump, first);
        }

        var requests = upstreams.ModelRequests.Select(Measure).ToList();
        if (requests.Count == 0)
        {
            Console.Error.WriteLine("The eval run sent no request to the model.");
            return 1;
        }

        Console.WriteLine($"prompt size over {requests.Count} model requests of the eval scenarios (tokens counted with o200k_base)");
        Console.WriteLine("| part | median tokens | max tokens |");
        Console.WriteLine("|---|---:|---:|");
        Row("system prompt", requests.Select(r => r.System));
        Row("tool schemas", requests.Select(r => r.Tools));
        Row("system prompt + tools", requests.Select(r => r.System + r.Tools));
        Row("whole request", requests.Select(r => r.Whole));
        var worst = requests.Max(r => r.System + r.Tools);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"largest prompt + tools: {worst} tokens (target <= 1,500)"));
        return 0;
    }

    private static (int System, int Tools, int Whole) Measure(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var system = root.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "system")
            .Sum(m => ModelTokens.Count(m.GetProperty("content").ValueKind == JsonValueKind.String ? m.GetProperty("content").GetString()! : m.GetProperty("content").GetRawText()));
        // Counted compact: the SDK writes the parameter schemas indented, and that whitespace is not what a model reads
        // (OpenAI renders tool definitions into its own syntax before counting them).
        var tools = root.TryGetProperty("tools", out var t) ? ModelTokens.Count(JsonSerializer.Serialize(t)) : 0;
        return (system, tools, ModelTokens.Count(JsonSerializer.Serialize(root)));
    }

    private static void Row(string part, IEnumerable<int> tokens)
    {
        var values = tokens.Select(c => (double)c).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {part} | {Stats.Median(values):F0} | {values.Max():F0} |"));
    }
}
