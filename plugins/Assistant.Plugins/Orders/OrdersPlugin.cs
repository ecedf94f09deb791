using System.ComponentModel;

namespace Assistant.Plugins.Orders;

[Description("Reads the customer's orders and shipments from the store.")]
public sealed class OrdersPlugin(OrderService orders)
{
    public const string PluginName = "Orders";

    [Description("Gets one order by its number: status, items, totals and shipments. A customer who is not verified must also give the email address or phone number used on the order; pass exactly what the customer wrote.")]
    public async Task<OrderLookup> GetOrderAsync(
        [Description("The order number, e.g. 1042.")] string orderNumber,
        [Description("The email address the customer gave for this order, if any.")] string? email = null,
        [Description("The phone number the customer gave for this order, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        (await orders.LookUpAsync(orderNumber, email, phone, cancellationToken)).Lookup;

    [Description("Lists the verified customer's most recent orders, newest first.")]
    public async Task<OrderList> ListRecentOrdersAsync(
        [Description("How many orders to list (1-10).")] int limit = 5,
        CancellationToken cancellationToken = default) =>
        (await orders.RecentAsync(limit, cancellationToken)).List;

    [Description("Tracks the shipments of an order: carrier, tracking number and link, status, estimated delivery and the event timeline. Same proof rules as GetOrder.")]
    public async Task<OrderLookup> TrackShipmentAsync(
        [Description("The order number, e.g. 1042.")] string orderNumber,
        [Description("The email address the customer gave for this order, if any.")] string? email = null,
        [Description("The phone number the customer gave for this order, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        (await orders.LookUpAsync(orderNumber, email, phone, cancellationToken)).Lookup;
}
