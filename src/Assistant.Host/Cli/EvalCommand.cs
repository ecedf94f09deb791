using System.CommandLine;
using System.Text.Json;
using Assistant.Operations.Evals;
using Assistant.Engine.Prompts;
using Assistant.Engine.Turns;
using Assistant.Plugins.Knowledge;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Cli;

/// <summary><c>assistant eval</c>: plays <c>prompts/evals</c> against the configured model and prints a pass/fail table.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "Only scenarios whose name contains this text." };
        var report = new Option<string>("--report") { Description = "Where to write the JSON report.", DefaultValueFactory = _ => "eval-report.json" };
        var command = new Command("eval", "Run the prompt evaluation scenarios (prompts/evals/*.yaml) against the configured LLM; exits 1 when any fails.")
        {
            filter, report,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, token) =>
        {
            using var host = AssistantBuilder.BuildEvalHost([.. parse.UnmatchedTokens]);
            var folder = Path.Combine(host.Services.GetRequiredService<IOptions<PromptOptions>>().Value.ResolvedPath, "evals");
            var scenarios = EvalRunner.Load(folder).Where(s => parse.GetValue(filter) is not { } f || s.Name.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
            if (!host.Services.GetRequiredService<IOptions<LlmOptions>>().Value.IsConfigured)
            {
                Console.Error.WriteLine("warning: no LLM is configured (Llm__ApiKey / Llm__Endpoint); the scenarios run against the offline router.");
            }

            // The service loads the help articles when it starts; a CLI host starts nothing, so load them here.
            await host.Services.GetRequiredService<KnowledgeLibrary>().LoadAsync(token);
            var runner = host.Services.GetRequiredService<EvalRunner>();
            var results = new List<EvalResult>();
            foreach (var scenario in scenarios)
            {
                var result = await runner.RunAsync(scenario, token);
                results.Add(result);
                Console.WriteLine($"{(result.Passed ? "PASS" : "FAIL")}  {scenario.Name}");
                foreach (var turn in result.Turns.Where(t => !t.Passed))
                {
                    Console.WriteLine($"        turn {turn.Turn} ({turn.Outcome}; tools: {string.Join(", ", turn.Tools)}): {string.Join("; ", turn.Failures)}");
                }
            }

            await File.WriteAllTextAsync(parse.GetValue(report)!, JsonSerializer.Serialize(results, ReportOptions), token);
            var passed = results.Count(r => r.Passed);
            Console.WriteLine($"{passed} of {results.Count} scenarios passed; report: {parse.GetValue(report)}");
            return passed == results.Count ? 0 : 1;
        });
        return command;
    }

    private static readonly JsonSerializerOptions ReportOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
}
