using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Orders;

[Description("Reads the customer's orders and shipments from the store.")]
public sealed class OrdersPlugin(OrderService orders)
{
    public const string PluginName = "Orders";

    [KernelFunction]
    [Description("Gets an order by number: status, items, totals, shipments with tracking. An unverified customer must also give the order's email or phone; pass exactly what they wrote.")]
    public async Task<OrderLookup> GetOrderAsync(
        [Description("Order number, e.g. 1042.")] string orderNumber,
        [Description("Email the customer wrote, if any.")] string? email = null,
        [Description("Phone number the customer wrote, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        (await orders.LookUpAsync(orderNumber, email, phone, cancellationToken)).Lookup;

    [KernelFunction]
    [Description("Lists the verified customer's most recent orders, newest first.")]
    public async Task<OrderList> ListRecentOrdersAsync(
        [Description("How many orders to list (1-10).")] int limit = 5,
        CancellationToken cancellationToken = default) =>
        (await orders.RecentAsync(limit, cancellationToken)).List;
}
