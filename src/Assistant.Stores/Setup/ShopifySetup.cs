using Assistant.Stores.Shopify;
using Assistant.Transport;

namespace Assistant.Stores.Setup;

/// <summary>
/// Checks a Shopify custom app's token: the shop it opens and the Admin API scopes it was granted
/// (<c>currentAppInstallation.accessScopes</c>), against what the assistant reads.
/// </summary>
public sealed class ShopifySetup(ShopifyClient shopify)
{
    private static readonly (string Scope, bool Required, string Purpose)[] Wanted =
    [
        ("read_orders", true, "orders, their items and fulfilments"),
        ("read_customers", true, "the customer a verified contact proves"),
        ("read_products", true, "the catalog search"),
        ("read_all_orders", false, "orders older than 60 days (Shopify hides them without it; ask Shopify to approve it for a custom app)"),
        ("read_translations", false, "product names in the customer's language"),
        ("write_orders", false, "only for order actions (cancel, change the address), once they are turned on"),
    ];

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
            [.. Wanted.Select(w => new StoreAccessCheck(w.Scope, Has(w.Scope), w.Required, w.Purpose))],
            ["A missing scope is added in the shop's admin: Settings > Apps and sales channels > Develop apps > your app > Configuration > Admin API access scopes; then reinstall the app, which shows a new token."]);
    }
}
