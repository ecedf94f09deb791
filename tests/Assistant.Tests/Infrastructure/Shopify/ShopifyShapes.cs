using System.Globalization;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;

namespace Assistant.Tests.Infrastructure.Shopify;

/// <summary>
/// The <c>shop</c> contract's records as a Shopify shop holds them (Admin GraphQL shapes: ids as strings, money as
/// decimal strings, a customer-facing name with <c>#</c>), so the fake can be filled with the demo store and one
/// conformance suite can ask both adapters the same questions.
/// </summary>
public static class ShopifyShapes
{
    public static JsonObject Customer(ShopCustomer customer) => new()
    {
        ["legacyResourceId"] = Id(customer.Id),
        ["displayName"] = customer.Name,
        ["locale"] = customer.Locale ?? "en",
        ["defaultEmailAddress"] = customer.Email is { } email ? new JsonObject { ["emailAddress"] = email } : null,
        ["defaultPhoneNumber"] = customer.Phone is { } phone ? new JsonObject { ["phoneNumber"] = phone } : null,
    };

    public static JsonObject Order(ShopOrderDetails details)
    {
        var order = details.Order;
        var closed = order.Status is "completed" or "cancelled";
        return new JsonObject
        {
            ["legacyResourceId"] = Id(order.Id),
            ["name"] = "#" + order.OrderNumber,
            ["processedAt"] = Time(order.PlacedAt),
            ["cancelledAt"] = order.Status == "cancelled" ? Time(order.PlacedAt.AddHours(2)) : null,
            ["closed"] = closed,
            ["currencyCode"] = order.Currency,
            ["email"] = details.Owner.Email,
            ["phone"] = details.Owner.Phone,
            ["note"] = "Staff only: customer called twice, VIP",
            ["displayFinancialStatus"] = order.Status switch { "pending" => "PENDING", "refunded" => "REFUNDED", "failed" => "VOIDED", _ => "PAID" },
            ["displayFulfillmentStatus"] = order.Status switch
            {
                "shipped" or "delivered" or "completed" => "FULFILLED",
                "processing" => "IN_PROGRESS",
                _ => "UNFULFILLED",
            },
            ["subtotalPriceSet"] = Money(order.Subtotal, order.Currency),
            ["totalShippingPriceSet"] = Money(order.ShippingFee, order.Currency),
            ["totalPriceSet"] = Money(order.Total, order.Currency),
            ["customer"] = Customer(details.Owner),
            ["lineItems"] = Nodes(details.Items.Select(i => new JsonObject
            {
                ["sku"] = i.Sku,
                ["name"] = i.Name,
                ["quantity"] = i.Quantity,
                ["originalUnitPriceSet"] = Money(i.UnitPrice, order.Currency),
                ["image"] = i.ImageUrl is { } url ? new JsonObject { ["url"] = url } : null,
            })),
            ["fulfillments"] = new JsonArray([.. details.Shipments.Select(s => (JsonNode)WithItems(Fulfillment(s, details.Events.Where(e => e.ShipmentId == s.Id), order.PlacedAt), details.Items))]),
            ["shippingAddress"] = new JsonObject
            {
                ["address1"] = "1 Main Street",
                ["address2"] = null,
                ["city"] = "Springfield",
                ["province"] = null,
                ["zip"] = "12345",
                ["countryCodeV2"] = "US",
            },
            ["returns"] = Nodes([]),
        };
    }

    /// <summary>A demo shipment carries the whole order: each item a fulfilment line item, which a return request names.</summary>
    private static JsonObject WithItems(JsonObject fulfillment, IReadOnlyList<ShopOrderItem> items)
    {
        fulfillment["fulfillmentLineItems"] = Nodes(items.Select(i => new JsonObject
        {
            ["id"] = $"gid://shopify/FulfillmentLineItem/{fulfillment["legacyResourceId"]}{i.Id}",
            ["quantity"] = i.Quantity,
            ["lineItem"] = new JsonObject { ["sku"] = i.Sku },
        }));
        return fulfillment;
    }

    public static JsonObject Fulfillment(ShopShipment shipment, IEnumerable<ShopShipmentEvent> events, DateTimeOffset placedAt) => new()
    {
        ["legacyResourceId"] = Id(shipment.Id),
        ["status"] = "SUCCESS",
        ["displayStatus"] = shipment.Status switch
        {
            "label_created" => "LABEL_PRINTED",
            "out_for_delivery" => "OUT_FOR_DELIVERY",
            "delivered" => "DELIVERED",
            "exception" => "FAILURE",
            _ => "IN_TRANSIT",
        },
        ["createdAt"] = Time(shipment.ShippedAt ?? placedAt),
        ["inTransitAt"] = shipment.ShippedAt is { } shipped ? Time(shipped) : null,
        ["deliveredAt"] = shipment.DeliveredAt is { } delivered ? Time(delivered) : null,
        ["estimatedDeliveryAt"] = shipment.EstimatedDelivery is { } eta ? Time(new DateTimeOffset(eta.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) : null,
        ["trackingInfo"] = new JsonArray(new JsonObject { ["company"] = shipment.Carrier, ["number"] = shipment.TrackingNumber, ["url"] = shipment.TrackingUrl }),
        ["events"] = Nodes(events.Select(e => new JsonObject
        {
            ["happenedAt"] = Time(e.OccurredAt),
            ["status"] = "IN_TRANSIT",
            ["message"] = e.Description,
            ["city"] = e.Location,
            ["province"] = null,
            ["country"] = null,
        })),
    };

    /// <summary>A product of one variant, as the demo catalog has one SKU per size and colour; translations by locale.</summary>
    public static JsonObject Product(ProductRow product, bool active, IReadOnlyDictionary<string, (string Name, string? Description)> translations) => new()
    {
        ["legacyResourceId"] = Id(product.Id),
        ["title"] = product.Name,
        ["description"] = product.Description ?? string.Empty,
        ["productType"] = product.Category ?? string.Empty,
        ["status"] = active ? "ACTIVE" : "ARCHIVED",
        ["hasOnlyDefaultVariant"] = true,
        ["onlineStoreUrl"] = product.Url,
        ["category"] = product.Category is { } category ? new JsonObject { ["name"] = category } : null,
        ["featuredMedia"] = product.ImageUrl is { } image ? new JsonObject { ["preview"] = new JsonObject { ["image"] = new JsonObject { ["url"] = image } } } : null,
        ["currency"] = product.Currency,
        ["translationsByLocale"] = new JsonObject([.. translations.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonArray(
            new JsonObject { ["key"] = "title", ["value"] = t.Value.Name },
            new JsonObject { ["key"] = "body_html", ["value"] = t.Value.Description is { } d ? $"<p>{System.Net.WebUtility.HtmlEncode(d)}</p>" : null })))]),
        ["variants"] = Nodes([new JsonObject
        {
            ["legacyResourceId"] = Id(product.Id),
            ["sku"] = product.Sku,
            ["title"] = "Default Title",
            ["price"] = product.Price.ToString(CultureInfo.InvariantCulture),
            ["inventoryQuantity"] = product.Stock ?? 0,
            ["inventoryItem"] = new JsonObject { ["tracked"] = product.Stock is not null },
            ["media"] = Nodes([]),
        }]),
    };

    public static JsonObject Money(decimal amount, string currency) =>
        new() { ["shopMoney"] = new JsonObject { ["amount"] = amount.ToString(CultureInfo.InvariantCulture), ["currencyCode"] = currency } };

    public static JsonObject Nodes(IEnumerable<JsonObject> nodes) => new() { ["nodes"] = new JsonArray([.. nodes.Select(n => (JsonNode)n)]) };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
