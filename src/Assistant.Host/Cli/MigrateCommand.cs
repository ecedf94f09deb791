using System.CommandLine;
using Assistant.Engine.Storage;

namespace Assistant.Host.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the database migrations and exit.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parse, token) =>
        {
            using var host = AssistantBuilder.BuildDataHost([.. parse.UnmatchedTokens]);
            var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
            var applied = await migrator.MigrateAsync(token);
            Console.WriteLine(applied == 0 ? "The database is up to date." : $"Applied {applied} migration(s).");
            return 0;
        });
        return command;
    }
}
