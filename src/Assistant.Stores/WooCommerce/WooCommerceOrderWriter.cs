using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.WooCommerce;

/// <summary>
/// Order actions through the REST API v3: a cancel sets the order's status to <c>cancelled</c> (WooCommerce restocks
/// it), a return request is a private order note for the shop's staff (WooCommerce has no returns of its own), an
/// address change replaces the order's <c>shipping</c>. The key's user needs write access (Read/Write key). Each write
/// is sent once; the order (or its notes) is read back.
/// </summary>
public sealed class WooCommerceOrderWriter(WooCommerceClient woo, WooCommerceStore store) : IOrderWriter
{
    private static readonly Dictionary<string, string> NoQuery = [];

    public Task<ShopOrderDetails?> ReadAsync(string orderNumber, CancellationToken cancellationToken) => store.GetOrderAsync(orderNumber, cancellationToken);

    public Task<StoreWriteResult> WriteAsync(OrderWriteRequest request, CancellationToken cancellationToken)
    {
        var path = $"orders/{request.Order.Order.Id}";
        return request.Kind switch
        {
            "cancel" => woo.WriteAsync(HttpMethod.Put, path, new JsonObject { ["status"] = "cancelled" }, cancellationToken),
            "return" => woo.WriteAsync(HttpMethod.Post, path + "/notes", new JsonObject { ["note"] = ReturnNote(request), ["customer_note"] = false }, cancellationToken),
            _ => woo.WriteAsync(HttpMethod.Put, path, new JsonObject { ["shipping"] = Shipping(request.Address!) }, cancellationToken),
        };
    }

    public async Task<StoreReadBack> ReadBackAsync(OrderWriteRequest request, CancellationToken cancellationToken)
    {
        var path = $"orders/{request.Order.Order.Id}";
        if (request.Kind == "return")
        {
            var notes = await woo.GetAsync(path + "/notes", NoQuery, cancellationToken);
            var filed = notes is { ValueKind: JsonValueKind.Array } list
                && list.EnumerateArray().Any(n => n.Property("note").String()?.Contains(Reference(request), StringComparison.Ordinal) == true);
            return new StoreReadBack(filed, filed ? "requested" : "missing");
        }

        var order = await woo.GetAsync(path, NoQuery, cancellationToken) ?? throw new StoreUnavailableException("WooCommerce no longer shows the order.");
        var status = order.Property("status").String() ?? "unknown";
        return request.Kind == "cancel"
            ? new StoreReadBack(status == "cancelled", status)
            : new StoreReadBack(SameAddress(order.Property("shipping"), request.Address!), status);
    }

    private static string ReturnNote(OrderWriteRequest request) =>
        $"Return requested by the customer in the chat assistant (conversation {request.Conversation}): "
        + string.Join(", ", request.Items.Select(i => $"{i.Quantity} × {i.Name} ({i.Sku})"))
        + (request.Reason is { } reason ? $". Reason given: {reason}" : string.Empty) + $". {Reference(request)}";

    private static string Reference(OrderWriteRequest request) => $"Ref {request.Key:N}";

    private static JsonObject Shipping(ShippingAddress address)
    {
        var cut = address.Name.Trim().LastIndexOf(' ');
        return new JsonObject
        {
            ["first_name"] = cut < 0 ? string.Empty : address.Name[..cut].Trim(),
            ["last_name"] = cut < 0 ? address.Name.Trim() : address.Name[(cut + 1)..].Trim(),
            ["address_1"] = address.Line1,
            ["address_2"] = address.Line2 ?? string.Empty,
            ["city"] = address.City,
            ["state"] = address.Region ?? string.Empty,
            ["postcode"] = address.PostalCode,
            ["country"] = address.CountryCode,
        };
    }

    private static bool SameAddress(JsonElement? shown, ShippingAddress wanted) =>
        shown is { ValueKind: JsonValueKind.Object } shipping
        && string.Equals(shipping.Property("address_1").String(), wanted.Line1, StringComparison.OrdinalIgnoreCase)
        && string.Equals(shipping.Property("postcode").String(), wanted.PostalCode, StringComparison.OrdinalIgnoreCase)
        && string.Equals(shipping.Property("country").String(), wanted.CountryCode, StringComparison.OrdinalIgnoreCase);
}
