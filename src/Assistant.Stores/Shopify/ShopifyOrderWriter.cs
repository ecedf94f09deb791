using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.Shopify;

/// <summary>
/// Order actions through the Admin GraphQL API: <c>orderCancel</c> (refund to the original payment, restock, Shopify
/// notifies the customer), <c>returnRequest</c> for the fulfilled items (the merchant approves it in Shopify), and
/// <c>orderUpdate</c> of the shipping address. Needs the <c>write_orders</c> and <c>write_returns</c> scopes. Each
/// mutation is sent once; what Shopify then shows is read back.
/// </summary>
public sealed class ShopifyOrderWriter(ShopifyClient shopify, ShopifyStore store, TimeProvider clock) : IOrderWriter
{
    // orderCancel finishes in a background job: its result is awaited this many times, a second apart, before reading "not yet".
    private const int CancelChecks = 3;

    public Task<ShopOrderDetails?> ReadAsync(string orderNumber, CancellationToken cancellationToken) => store.GetOrderAsync(orderNumber, cancellationToken);

    public Task<StoreWriteResult> WriteAsync(OrderWriteRequest request, CancellationToken cancellationToken)
    {
        var id = Gid(request.Order.Order.Id);
        var note = $"At the customer's request in the chat assistant (conversation {request.Conversation}, ref {request.Key:N}).";
        return request.Kind switch
        {
            "cancel" => CancelAsync(id, note, cancellationToken),
            "return" => RequestReturnAsync(id, request, note, cancellationToken),
            _ => ChangeAddressAsync(id, request.Address ?? throw new ArgumentException("An address change needs the address.", nameof(request)), cancellationToken),
        };
    }

    private async Task<StoreWriteResult> CancelAsync(string id, string note, CancellationToken cancellationToken)
    {
        var response = await shopify.QueryAsync(ShopifyQueries.CancelOrder, new JsonObject { ["id"] = id, ["note"] = note }, cancellationToken, write: true);
        var result = Refusal(response.Data.Path("orderCancel", "orderCancelUserErrors"));
        // Shopify takes the cancellation and finishes it in a job: accepted, it is under way even before the order shows it.
        return result.IsAccepted && response.Data.Path("orderCancel", "job", "done") is { ValueKind: JsonValueKind.False }
            ? result with { InProgress = "cancelling" }
            : result;
    }

    private async Task<StoreWriteResult> RequestReturnAsync(string id, OrderWriteRequest request, string note, CancellationToken cancellationToken)
    {
        var lines = ReturnLines(await OrderAsync(id, cancellationToken), request, note);
        if (lines.Count == 0)
        {
            return new StoreWriteResult("Shopify shows none of the items as fulfilled, so there is nothing to return.");
        }

        var input = new JsonObject { ["orderId"] = id, ["returnLineItems"] = new JsonArray([.. lines]) };
        var response = await shopify.QueryAsync(ShopifyQueries.RequestReturn, new JsonObject { ["input"] = input }, cancellationToken, write: true);
        return Refusal(response.Data.Path("returnRequest", "userErrors"));
    }

    private async Task<StoreWriteResult> ChangeAddressAsync(string id, ShippingAddress address, CancellationToken cancellationToken)
    {
        var (first, last) = SplitName(address.Name);
        var input = new JsonObject
        {
            ["id"] = id,
            ["shippingAddress"] = new JsonObject
            {
                ["firstName"] = first,
                ["lastName"] = last,
                ["address1"] = address.Line1,
                ["address2"] = address.Line2,
                ["city"] = address.City,
                ["province"] = address.Region,
                ["zip"] = address.PostalCode,
                ["countryCode"] = address.CountryCode,
                ["phone"] = address.Phone,
            },
        };
        var response = await shopify.QueryAsync(ShopifyQueries.UpdateShippingAddress, new JsonObject { ["input"] = input }, cancellationToken, write: true);
        return Refusal(response.Data.Path("orderUpdate", "userErrors"));
    }

    public async Task<StoreReadBack> ReadBackAsync(OrderWriteRequest request, CancellationToken cancellationToken)
    {
        var id = Gid(request.Order.Order.Id);
        for (var check = 1; ; check++)
        {
            var order = await OrderAsync(id, cancellationToken);
            var readBack = request.Kind switch
            {
                "cancel" => new StoreReadBack(order.Property("cancelledAt").String() is not null, order.Property("cancelledAt").String() is null ? Status(order) : "cancelled"),
                "return" => order.Path("returns", "nodes") is { ValueKind: JsonValueKind.Array } returns
                    && returns.EnumerateArray().Select(r => r.Property("status").String()).FirstOrDefault(s => s is "REQUESTED" or "OPEN" or "CLOSED") is { } status
                    ? new StoreReadBack(true, status == "REQUESTED" ? "requested" : "return_" + status.ToLowerInvariant())
                    : new StoreReadBack(false, Status(order)),
                _ => new StoreReadBack(SameAddress(order.Property("shippingAddress"), request.Address!), Status(order)),
            };
            if (readBack.Done || request.Kind != "cancel" || check == CancelChecks)
            {
                return readBack;
            }

            using (WorkBudget.Away())
            {
                // Shopify cancels in a background job: the read-back waits on it.
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    private async Task<JsonElement> OrderAsync(string id, CancellationToken cancellationToken)
    {
        var response = await shopify.QueryAsync(ShopifyQueries.OrderForAction, new JsonObject { ["id"] = id }, cancellationToken);
        return response.Data.Property("order") is { ValueKind: JsonValueKind.Object } order
            ? order
            : throw new StoreUnavailableException("Shopify no longer shows the order.");
    }

    /// <summary>The fulfilled line items of the request's SKUs, each with its fulfilled quantity.</summary>
    private static List<JsonNode> ReturnLines(JsonElement order, OrderWriteRequest request, string note)
    {
        var skus = request.Items.Select(i => i.Sku).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var customerNote = string.IsNullOrWhiteSpace(request.Reason) ? note : $"{request.Reason} ({note})";
        return [.. (order.Property("fulfillments") is { ValueKind: JsonValueKind.Array } fulfillments ? fulfillments.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(f => f.Path("fulfillmentLineItems", "nodes") is { ValueKind: JsonValueKind.Array } nodes ? nodes.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(n => n.Path("lineItem", "sku").String() is { } sku && skus.Contains(sku) && (n.Property("quantity").Int64() ?? 0) > 0)
            .Select(n => (JsonNode)new JsonObject
            {
                ["fulfillmentLineItemId"] = n.Property("id").String(),
                ["quantity"] = n.Property("quantity").Int64(),
                ["returnReason"] = "OTHER",
                ["customerNote"] = customerNote,
            })];
    }

    private static StoreWriteResult Refusal(JsonElement? errors) =>
        errors is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0
            ? new StoreWriteResult(string.Join("; ", list.EnumerateArray().Select(e => e.Property("message").String() ?? "refused")))
            : StoreWriteResult.Accepted;

    private static bool SameAddress(JsonElement? shown, ShippingAddress wanted) =>
        shown is { ValueKind: JsonValueKind.Object } address
        && string.Equals(address.Property("address1").String(), wanted.Line1, StringComparison.OrdinalIgnoreCase)
        && string.Equals(address.Property("zip").String(), wanted.PostalCode, StringComparison.OrdinalIgnoreCase)
        && string.Equals(address.Property("countryCodeV2").String(), wanted.CountryCode, StringComparison.OrdinalIgnoreCase);

    /// <summary>The order's status in the store contract's words, from what Shopify displays.</summary>
    private static string Status(JsonElement order) =>
        order.Property("displayFulfillmentStatus").String() is "FULFILLED" ? "shipped"
        : order.Property("displayFinancialStatus").String() is "PAID" ? "paid" : "processing";

    private static (string? First, string Last) SplitName(string name)
    {
        var cut = name.Trim().LastIndexOf(' ');
        return cut < 0 ? (null, name.Trim()) : (name[..cut].Trim(), name[(cut + 1)..].Trim());
    }

    private static string Gid(long id) => $"gid://shopify/Order/{id}";
}
