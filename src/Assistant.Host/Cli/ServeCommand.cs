using System.CommandLine;

namespace Assistant.Host.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the web service: webhooks, health endpoints and workers (the default verb).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, token) => RunAsync([.. parse.UnmatchedTokens], token));
        return command;
    }

    /// <param name="hostArgs">Left-over arguments go to the host: <c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>.</param>
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        await using var app = AssistantBuilder.BuildServer(hostArgs);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
