using System.Globalization;
using System.Text.Json;
using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.WooCommerce;

/// <summary>
/// WooCommerce's customers and orders as the store port's records. The number customers know is the order's
/// <c>number</c> (a sequential-number plugin may make it differ from the id); its owner is the billing contact, under
/// the customer's id or, for a guest, an id no customer has. Shipments come from the Shipment Tracking extension's
/// order meta (<c>_wc_shipment_tracking_items</c>, which Advanced Shipment Tracking writes too); WooCommerce itself
/// records no deliveries or tracking events. The customer's order note is never read.
/// </summary>
public static class WooCommerceOrders
{
    public const string TrackingMeta = "_wc_shipment_tracking_items";

    public static ShopCustomer Customer(JsonElement customer)
    {
        var id = customer.Property("id").Int64() ?? 0;
        var billing = customer.Property("billing");
        return new ShopCustomer(id, Name(customer.Property("first_name").String(), customer.Property("last_name").String(), billing),
            billing?.Property("company").String() is { Length: > 0 } company ? company : null,
            customer.Property("email").String() ?? billing?.Property("email").String(), Blank(billing?.Property("phone").String()),
            id.ToString(CultureInfo.InvariantCulture), null);
    }

    public static ShopOrderDetails Order(JsonElement order)
    {
        var id = order.Property("id").Int64() ?? 0;
        var customerId = order.Property("customer_id").Int64() ?? 0;
        var billing = order.Property("billing");
        var owner = new ShopCustomer(customerId > 0 ? customerId : -id, Name(billing?.Property("first_name").String(), billing?.Property("last_name").String(), null),
            billing?.Property("company").String() is { Length: > 0 } company ? company : null,
            Blank(billing?.Property("email").String()), Blank(billing?.Property("phone").String()),
            customerId > 0 ? customerId.ToString(CultureInfo.InvariantCulture) : null, null);
        var items = Array(order.Property("line_items")).Select(item =>
        {
            var quantity = (int)(item.Property("quantity").Int64() ?? 0);
            var subtotal = Money(item.Property("subtotal"));
            return new ShopOrderItem(item.Property("id").Int64() ?? 0, id, item.Property("sku").String() ?? string.Empty, item.Property("name").String() ?? string.Empty,
                quantity, quantity > 0 ? Math.Round(subtotal / quantity, 2) : subtotal, Blank(item.Path("image", "src").String()));
        }).ToList();
        var status = order.Property("status").String();
        var shipments = Shipments(id, order, status);
        var record = new ShopOrder(id, order.Property("number").String() ?? id.ToString(CultureInfo.InvariantCulture), owner.Id,
            Status(status, shipments.Count > 0), order.Property("currency").String() ?? string.Empty,
            items.Sum(i => i.UnitPrice * i.Quantity), Money(order.Property("shipping_total")), Money(order.Property("total")),
            (order.Property("date_created_gmt") ?? order.Property("date_created")).Time() ?? DateTimeOffset.UnixEpoch, null);
        return new ShopOrderDetails(record, owner, items, shipments, []);
    }

    /// <summary>
    /// The <c>shop</c> contract's status of a WooCommerce order: <c>processing</c> (paid, being prepared) with a
    /// tracking number is shipped; statuses plugins add under the contract's own names (shipped, delivered) are kept.
    /// </summary>
    public static string Status(string? status, bool tracked) => status switch
    {
        "pending" or "on-hold" or "checkout-draft" => "pending",
        "processing" => tracked ? "shipped" : "processing",
        "completed" or "cancelled" or "refunded" or "failed" or "shipped" or "delivered" => status,
        _ => "processing",
    };

    private static List<ShopShipment> Shipments(long orderId, JsonElement order, string? status)
    {
        var meta = Array(order.Property("meta_data")).FirstOrDefault(m => m.Property("key").String() == TrackingMeta);
        var shipments = new List<ShopShipment>();
        foreach (var item in Array(meta.Property("value")))
        {
            var number = item.Property("tracking_number").String();
            if (string.IsNullOrWhiteSpace(number))
            {
                continue;
            }

            var carrier = Blank(item.Property("custom_tracking_provider").String()) ?? Blank(item.Property("tracking_provider").String()) ?? string.Empty;
            shipments.Add(new ShopShipment((orderId * 100) + shipments.Count + 1, orderId, carrier, number.Trim(), Blank(item.Property("custom_tracking_link").String()),
                status == "delivered" ? "delivered" : "in_transit", item.Property("date_shipped").Time(), null, null));
        }

        return shipments;
    }

    internal static IEnumerable<JsonElement> Array(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>WooCommerce sends money as decimal strings, and a variation's or line's price as a JSON number.</summary>
    internal static decimal Money(JsonElement? amount) =>
        decimal.TryParse(amount.String(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Name(string? first, string? last, JsonElement? billing)
    {
        var name = $"{first} {last}".Trim();
        return name.Length > 0 || billing is null ? name : $"{billing?.Property("first_name").String()} {billing?.Property("last_name").String()}".Trim();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
