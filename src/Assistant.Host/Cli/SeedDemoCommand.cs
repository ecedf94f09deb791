using System.CommandLine;
using Assistant.Engine.Storage;
using Assistant.Stores.Postgres;

namespace Assistant.Host.Cli;

internal static class SeedDemoCommand
{
    public static Command Create()
    {
        var command = new Command("seed-demo", "Migrate, then fill the shop tables with a demo store (insert-only; safe to re-run).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, token) =>
        {
            using var host = AssistantBuilder.BuildDataHost([.. parse.UnmatchedTokens]);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var inserted = await host.Services.GetRequiredService<DemoStore>().SeedAsync(token);
            Console.WriteLine(inserted == 0
                ? "The demo store is already there."
                : $"Seeded the demo store: {DemoStore.Customers.Count} customers (e.g. jane@example.com, order 1042) and {DemoCatalog.Products.Count} products. {inserted} rows inserted.");
            return 0;
        });
        return command;
    }
}
