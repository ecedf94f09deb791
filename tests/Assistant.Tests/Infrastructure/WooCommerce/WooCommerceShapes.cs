using System.Globalization;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;

namespace Assistant.Tests.Infrastructure.WooCommerce;

/// <summary>
/// The <c>shop</c> contract's records as a WooCommerce shop holds them (REST API v3 shapes: money as decimal strings,
/// a line's price as a number, GMT times without a zone, the owner in <c>billing</c>, tracking in the Shipment Tracking
/// extension's order meta). Orders get ids apart from their numbers, as under a sequential-number plugin.
/// </summary>
public static class WooCommerceShapes
{
    /// <summary>How far an order's id is from its number: customers only ever know the number.</summary>
    public const long OrderIdOffset = 5000;

    public static JsonObject Customer(ShopCustomer customer)
    {
        var (first, last) = Split(customer.Name);
        return new JsonObject
        {
            ["id"] = customer.Id,
            ["email"] = customer.Email,
            ["first_name"] = first,
            ["last_name"] = last,
            ["role"] = "customer",
            ["username"] = customer.Email?.Split('@')[0],
            ["billing"] = Billing(customer),
            ["shipping"] = new JsonObject { ["first_name"] = first, ["last_name"] = last, ["company"] = customer.Company ?? string.Empty },
        };
    }

    /// <summary>The WooCommerce status a shop gives an order the contract calls <paramref name="status"/>.</summary>
    public static string Status(string status) => status switch
    {
        "paid" or "processing" or "shipped" => "processing",
        "delivered" => "completed",
        _ => status,
    };

    public static JsonObject Order(ShopOrderDetails details)
    {
        var order = details.Order;
        return new JsonObject
        {
            ["id"] = order.Id + OrderIdOffset,
            ["number"] = order.OrderNumber,
            ["status"] = Status(order.Status),
            ["currency"] = order.Currency,
            ["date_created"] = Time(order.PlacedAt),
            ["date_created_gmt"] = Time(order.PlacedAt),
            ["customer_id"] = order.CustomerId,
            ["customer_note"] = "Please leave it with the neighbour at no. 12",
            ["shipping_total"] = Money(order.ShippingFee),
            ["total"] = Money(order.Total),
            ["billing"] = Billing(details.Owner),
            ["line_items"] = new JsonArray([.. details.Items.Select((item, i) => (JsonNode)new JsonObject
            {
                ["id"] = (order.Id * 100) + i,
                ["name"] = item.Name,
                ["sku"] = item.Sku,
                ["quantity"] = item.Quantity,
                ["subtotal"] = Money(item.UnitPrice * item.Quantity),
                ["total"] = Money(item.UnitPrice * item.Quantity),
                ["price"] = (double)item.UnitPrice,
                ["image"] = new JsonObject { ["id"] = i, ["src"] = item.ImageUrl ?? string.Empty },
            })]),
            ["meta_data"] = new JsonArray(
                new JsonObject { ["id"] = 1, ["key"] = "is_vat_exempt", ["value"] = "no" },
                new JsonObject
                {
                    ["id"] = 2,
                    ["key"] = "_wc_shipment_tracking_items",
                    ["value"] = new JsonArray([.. details.Shipments.Select(s => (JsonNode)new JsonObject
                    {
                        ["tracking_provider"] = string.Empty,
                        ["custom_tracking_provider"] = s.Carrier,
                        ["custom_tracking_link"] = s.TrackingUrl ?? string.Empty,
                        ["tracking_number"] = s.TrackingNumber,
                        ["date_shipped"] = (s.ShippedAt ?? order.PlacedAt).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                        ["tracking_id"] = $"{s.Id:x8}",
                    })]),
                }),
        };
    }

    public static JsonObject Product(ProductRow product, bool active) => new()
    {
        ["id"] = product.Id,
        ["name"] = product.Name,
        ["type"] = "simple",
        ["status"] = active ? "publish" : "draft",
        ["sku"] = product.Sku,
        ["price"] = Money(product.Price),
        ["regular_price"] = Money(product.Price),
        ["description"] = product.Description is { } d ? $"<p>{System.Net.WebUtility.HtmlEncode(d)}</p>\n" : string.Empty,
        ["short_description"] = string.Empty,
        ["permalink"] = product.Url,
        ["manage_stock"] = product.Stock is not null,
        ["stock_quantity"] = product.Stock,
        ["stock_status"] = product.Stock is 0 ? "outofstock" : "instock",
        ["categories"] = new JsonArray(new JsonObject { ["id"] = 15, ["name"] = product.Category ?? "Uncategorized", ["slug"] = product.Category ?? "uncategorized" }),
        ["images"] = new JsonArray([.. (product.ImageUrl is { } image ? [image] : Array.Empty<string>()).Select(src => (JsonNode)new JsonObject { ["id"] = 1, ["src"] = src })]),
    };

    private static JsonObject Billing(ShopCustomer customer)
    {
        var (first, last) = Split(customer.Name);
        return new JsonObject
        {
            ["first_name"] = first,
            ["last_name"] = last,
            ["company"] = customer.Company ?? string.Empty,
            ["address_1"] = "Hauptstraße 5",
            ["city"] = "Berlin",
            ["postcode"] = "10115",
            ["country"] = "DE",
            ["email"] = customer.Email ?? string.Empty,
            ["phone"] = customer.Phone ?? string.Empty,
        };
    }

    private static (string First, string Last) Split(string name) =>
        name.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? (name[..space], name[(space + 1)..]) : (name, string.Empty);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
