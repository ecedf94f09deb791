using System.CommandLine;
using Assistant.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Cli;

/// <summary>The <c>assistant</c> executable's verbs; <c>serve</c> is the default.</summary>
internal static class AssistantCli
{
    public const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand("The Chatwoot shopping assistant: an Agent Bot that answers customers from order data.")
        {
            serve,
            MigrateCommand.Create(),
            SeedDemoCommand.Create(),
            InboxCommand.Create(),
            SetupCommand.Create(),
            EvalCommand.Create(),
            ChatCommand.Create(),
            ReportCommand.Create(),
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, token) => ServeCommand.RunAsync([.. parse.UnmatchedTokens], token));

        try
        {
            // Our handler below turns configuration errors into a short message and exit code 2.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync("assistant: the configuration is not valid:");
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"  - {problem}");
            }

            return ConfigurationErrorExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"assistant: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The messages of a failed start caused by settings, however deep the host wrapped them.</summary>
    internal static IReadOnlyList<string> ConfigurationProblems(Exception exception) => exception switch
    {
        ConfigurationException configuration => [configuration.Message],
        Engine.Prompts.PromptException prompt => [prompt.Message],
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(ConfigurationProblems)],
        { InnerException: { } inner } => ConfigurationProblems(inner),
        _ => [],
    };
}
