using Assistant.Engine.Actions;
using Assistant.Stores.Shopify;
using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.Setup;

/// <summary>
/// Checks a Shopify custom app's token: the shop it opens and the Admin API scopes it was granted
/// (<c>currentAppInstallation.accessScopes</c>), against what the assistant reads.
/// </summary>
public sealed class ShopifySetup(ShopifyClient shopify, IOptionsMonitor<ActionOptions> actions)
{
    private static readonly (string Scope, bool Required, string Purpose)[] Reads =
    [
        ("read_orders", true, "orders, their items and fulfilments"),
        ("read_customers", true, "the customer a verified contact proves"),
        ("read_products", true, "the catalog search"),
        ("read_all_orders", false, "orders older than 60 days (Shopify hides them without it; ask Shopify to approve it for a custom app)"),
        ("read_translations", false, "product names in the customer's language"),
    ];

    /// <summary>The write scopes order actions need: required once the action is on (<c>Actions__*</c>), reported otherwise.</summary>
    private IEnumerable<(string Scope, bool Required, string Purpose)> Writes()
    {
        var settings = actions.CurrentValue;
        var ordersOn = settings.Cancel != ActionModes.Off || settings.ChangeAddress != ActionModes.Off;
        yield return ("write_orders", ordersOn, "order actions: cancelling an order, changing its shipping address (Actions__Cancel, Actions__ChangeAddress)");
        yield return ("write_returns", settings.Return != ActionModes.Off, "order actions: filing a return request (Actions__Return)");
    }

    public async Task<StoreSetupReport> RunAsync(CancellationToken cancellationToken)
    {
        var response = await shopify.QueryAsync(ShopifyQueries.Setup, [], cancellationToken);
        var shop = response.Data.GetProperty("shop");
        var scopes = response.Data.Path("currentAppInstallation", "accessScopes") is { ValueKind: System.Text.Json.JsonValueKind.Array } list
            ? list.EnumerateArray().Select(s => s.Property("handle").String()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        // Shopify's write scopes include the read scope of the same resource.
        bool Has(string scope) => scopes.Contains(scope) || (scope.StartsWith("read_", StringComparison.Ordinal) && scopes.Contains("write_" + scope[5..]));
        return new StoreSetupReport(
            $"{shop.Property("name").String()} ({shop.Property("myshopifyDomain").String()}), currency {shop.Property("currencyCode").String()}",
            [.. Reads.Concat(Writes()).Select(w => new StoreAccessCheck(w.Scope, Has(w.Scope), w.Required, w.Purpose))],
            ["A missing scope is added in the shop's admin: Settings > Apps and sales channels > Develop apps > your app > Configuration > Admin API access scopes; then reinstall the app, which shows a new token."]);
    }
}
