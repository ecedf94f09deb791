using System.CommandLine;
using Assistant.Stores;
using Assistant.Stores.Setup;

namespace Assistant.Host.Cli;

/// <summary>
/// <c>setup shopify</c> and <c>setup woocommerce</c>: check the store's credentials and the permissions the assistant
/// needs, and print what is missing. Read-only; exit code 1 when a required permission is missing.
/// </summary>
internal static class StoreSetupCommand
{
    public static Command Shopify() => Create(
        "shopify",
        "Check the Shopify custom app's token and its Admin API scopes. Needs Shopify__ShopDomain and Shopify__AccessToken.",
        services => services.AddShopifyStore(),
        (services, token) => services.GetRequiredService<ShopifySetup>().RunAsync(token));

    public static Command WooCommerce() => Create(
        "woocommerce",
        "Check the WooCommerce REST API key and what its user may read. Needs WooCommerce__SiteUrl, WooCommerce__ConsumerKey and WooCommerce__ConsumerSecret.",
        services => services.AddWooCommerceStore(),
        (services, token) => services.GetRequiredService<WooCommerceSetup>().RunAsync(token));

    private static Command Create(string name, string description, Action<IServiceCollection> register, Func<IServiceProvider, CancellationToken, Task<StoreSetupReport>> check)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parse, token) =>
        {
            using var host = AssistantBuilder.BuildHost([.. parse.UnmatchedTokens], (services, _) => register(services));
            var report = await check(host.Services, token);
            Print(report, name);
            return report.Ready ? 0 : 1;
        });
        return command;
    }

    private static void Print(StoreSetupReport report, string kind)
    {
        Console.WriteLine($"Connected to {report.Shop}.");
        foreach (var check in report.Checks)
        {
            var mark = check.Granted ? "ok     " : check.Required ? "MISSING" : "absent ";
            Console.WriteLine($"  {mark} {check.Name}: {check.Purpose}");
        }

        foreach (var note in report.Notes)
        {
            Console.WriteLine($"  note: {note}");
        }

        Console.WriteLine(report.Ready
            ? $"Ready: set Store__Kind={kind} and start the assistant."
            : $"Not ready: grant {string.Join(", ", report.Checks.Where(c => c.Required && !c.Granted).Select(c => c.Name))}, then run setup {kind} again.");
    }
}
