using System.CommandLine;
using Assistant.Operations.Reports;

namespace Assistant.Host.Cli;

/// <summary>How the assistant did: conversations, resolutions, handoffs, first-reply times, tokens and cost, per day.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = $"The period to report on: {ReportPeriod.Help}.", DefaultValueFactory = _ => "7d" };
        since.Validators.Add(result =>
        {
            if (!ReportPeriod.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--since must be {ReportPeriod.Help}.");
            }
        });
        var command = new Command("report", "Print how the assistant did over a period (the /admin page draws the same).") { since };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, token) =>
        {
            ReportPeriod.TryParse(parse.GetValue(since), out var period);
            using var host = AssistantBuilder.BuildDataHost([.. parse.UnmatchedTokens]);
            var report = await host.Services.GetRequiredService<ReportRepository>().ReadAsync(period, token);
            Console.Write(ReportText.Render(report));
            return 0;
        });
        return command;
    }
}
