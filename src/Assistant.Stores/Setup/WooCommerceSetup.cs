using Assistant.Stores.WooCommerce;
using Assistant.Transport;

namespace Assistant.Stores.Setup;

/// <summary>
/// Checks a WooCommerce REST API key by reading one of each thing the assistant reads (WooCommerce has no call that
/// lists a key's permissions): a resource the key's user may not read answers 401 <c>woocommerce_rest_cannot_view</c>.
/// </summary>
public sealed class WooCommerceSetup(WooCommerceClient woo)
{
    private static readonly (string Name, string Path, string Purpose)[] Reads =
    [
        ("read orders", "orders", "orders, their items and tracking"),
        ("read customers", "customers", "the customer a verified contact proves"),
        ("read products", "products", "the catalog search"),
    ];

    public async Task<StoreSetupReport> RunAsync(CancellationToken cancellationToken)
    {
        var currency = await woo.GetAsync("data/currencies/current", new Dictionary<string, string>(), cancellationToken);
        var checks = new List<StoreAccessCheck>();
        foreach (var (name, path, purpose) in Reads)
        {
            checks.Add(new StoreAccessCheck(name, await CanReadAsync(path, cancellationToken), true, purpose));
        }

        return new StoreSetupReport(
            $"WooCommerce, currency {currency?.Property("code").String() ?? "unknown"}",
            checks,
            [
                "A key's read or read/write permission cannot be read back: order actions, once turned on, need a Read/Write key.",
                "Tracking numbers are read from the Shipment Tracking extension's order meta (or Advanced Shipment Tracking's, which writes the same).",
            ]);
    }

    private Task<bool> CanReadAsync(string path, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string> { ["per_page"] = "1" };
        if (path == "customers")
        {
            query["role"] = "all";
        }

        return woo.MayReadAsync(path, query, cancellationToken);
    }
}
