using System.Globalization;
using System.Text.Json;
using Assistant.Engine.Store;
using Assistant.Transport;

namespace Assistant.Stores.Shopify;

/// <summary>
/// Shopify's customers and orders as the store port's records: an order's name without its <c>#</c> is the number
/// customers know; its status is read from cancellation, payment and fulfilment; every tracking number of a
/// fulfilment is a shipment with the fulfilment's events. The merchant's order note is never read.
/// </summary>
public static class ShopifyOrders
{
    public static ShopCustomer Customer(JsonElement customer)
    {
        var id = customer.Property("legacyResourceId").Int64() ?? 0;
        return new ShopCustomer(id, customer.Property("displayName").String() ?? string.Empty, null,
            customer.Path("defaultEmailAddress", "emailAddress").String(), customer.Path("defaultPhoneNumber", "phoneNumber").String(),
            id.ToString(CultureInfo.InvariantCulture), customer.Property("locale").String());
    }

    public static ShopOrderDetails Order(JsonElement order)
    {
        var id = order.Property("legacyResourceId").Int64() ?? 0;
        // A guest checkout has no customer: the order's own contact is its owner, under an id no customer has.
        var owner = order.Property("customer") is { ValueKind: JsonValueKind.Object } customer
            ? Customer(customer)
            : new ShopCustomer(-id, string.Empty, null, order.Property("email").String(), order.Property("phone").String(), null, null);
        var fulfillments = order.Property("fulfillments") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];
        var (shipments, events) = Shipments(id, fulfillments);
        var record = new ShopOrder(id, Number(order.Property("name").String() ?? string.Empty), owner.Id,
            Status(order, shipments), order.Property("currencyCode").String() ?? string.Empty,
            Money(order.Path("subtotalPriceSet", "shopMoney", "amount")), Money(order.Path("totalShippingPriceSet", "shopMoney", "amount")),
            Money(order.Path("totalPriceSet", "shopMoney", "amount")), order.Property("processedAt").Time() ?? DateTimeOffset.UnixEpoch, null);
        var items = Nodes(order.Property("lineItems")).Select((item, i) => new ShopOrderItem(
            (id * 1000) + i, id, item.Property("sku").String() ?? string.Empty, item.Property("name").String() ?? string.Empty,
            (int)(item.Property("quantity").Int64() ?? 0), Money(item.Path("originalUnitPriceSet", "shopMoney", "amount")),
            item.Path("image", "url").String())).ToList();
        return new ShopOrderDetails(record, owner, items, shipments, events);
    }

    /// <summary>The number a customer knows: the order's name without Shopify's <c>#</c>.</summary>
    public static string Number(string name) => name.Trim().TrimStart('#');

    /// <summary>The <c>shop</c> contract's order status, from what Shopify says of cancellation, payment and fulfilment.</summary>
    public static string Status(JsonElement order, IReadOnlyList<ShopShipment> shipments)
    {
        if (order.Property("cancelledAt").String() is not null)
        {
            return "cancelled";
        }

        var fulfilment = order.Property("displayFulfillmentStatus").String();
        return order.Property("displayFinancialStatus").String() switch
        {
            "REFUNDED" => "refunded",
            "VOIDED" or "EXPIRED" => "failed",
            "PENDING" or "AUTHORIZED" when fulfilment is "UNFULFILLED" or null => "pending",
            _ => fulfilment switch
            {
                // Shopify closes (archives) an order once it is paid and fulfilled, often while the parcel travels.
                "FULFILLED" when shipments.Any(s => s.Status != "delivered") => "shipped",
                "FULFILLED" when order.Property("closed").Boolean() == true => "completed",
                "FULFILLED" when shipments.Count > 0 => "delivered",
                "FULFILLED" => "shipped",
                "FULFILLMENT_NOT_REQUIRED" => "completed",
                "UNFULFILLED" => "paid",
                _ => "processing",
            },
        };
    }

    /// <summary>The <c>shop</c> contract's shipment status of a fulfilment; null for one cancelled or voided.</summary>
    public static string? ShipmentStatus(string? displayStatus, bool delivered) => delivered ? "delivered" : displayStatus switch
    {
        "CANCELED" or "LABEL_VOIDED" => null,
        "DELIVERED" => "delivered",
        "OUT_FOR_DELIVERY" => "out_for_delivery",
        "ATTEMPTED_DELIVERY" or "DELAYED" or "FAILURE" or "NOT_DELIVERED" => "exception",
        "LABEL_PRINTED" or "LABEL_PURCHASED" or "SUBMITTED" or "CONFIRMED" => "label_created",
        _ => "in_transit",
    };

    private static (List<ShopShipment> Shipments, List<ShopShipmentEvent> Events) Shipments(long orderId, IReadOnlyList<JsonElement> fulfillments)
    {
        var shipments = new List<ShopShipment>();
        var events = new List<ShopShipmentEvent>();
        foreach (var fulfillment in fulfillments)
        {
            var deliveredAt = fulfillment.Property("deliveredAt").Time();
            if (ShipmentStatus(fulfillment.Property("displayStatus").String(), deliveredAt is not null) is not { } status)
            {
                continue;
            }

            var tracking = fulfillment.Property("trackingInfo") is { ValueKind: JsonValueKind.Array } infos ? infos.EnumerateArray().ToList() : [];
            var estimated = fulfillment.Property("estimatedDeliveryAt").Time();
            var shippedAt = fulfillment.Property("inTransitAt").Time() ?? fulfillment.Property("createdAt").Time();
            // A fulfilment shipped without a tracking number is still a shipment the customer can be told of.
            foreach (var info in tracking.Count > 0 ? tracking.Cast<JsonElement?>() : [null])
            {
                var shipmentId = (orderId * 100) + shipments.Count + 1;
                shipments.Add(new ShopShipment(shipmentId, orderId, info?.Property("company").String() ?? string.Empty, info?.Property("number").String() ?? string.Empty,
                    info?.Property("url").String(), status, shippedAt, estimated is { } eta ? DateOnly.FromDateTime(eta.UtcDateTime) : null, deliveredAt));
                events.AddRange(Nodes(fulfillment.Property("events")).Select((e, i) => new ShopShipmentEvent(
                    (shipmentId * 100) + i, shipmentId, e.Property("happenedAt").Time() ?? DateTimeOffset.UnixEpoch, Place(e),
                    e.Property("message").String() ?? Words(e.Property("status").String()))));
            }
        }

        return (shipments, events);
    }

    private static string? Place(JsonElement fulfillmentEvent)
    {
        var parts = new[] { "city", "province", "country" }.Select(p => fulfillmentEvent.Property(p).String()).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary><c>OUT_FOR_DELIVERY</c> as "Out for delivery".</summary>
    private static string Words(string? status) =>
        string.IsNullOrEmpty(status) ? string.Empty : char.ToUpperInvariant(status[0]) + status[1..].Replace('_', ' ').ToLowerInvariant();

    internal static IEnumerable<JsonElement> Nodes(JsonElement? connection) =>
        connection?.Property("nodes") is { ValueKind: JsonValueKind.Array } nodes ? nodes.EnumerateArray() : [];

    internal static decimal Money(JsonElement? amount) =>
        decimal.TryParse(amount.String(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
