using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;

namespace Assistant.Plugins.Orders;

/// <summary>Turns shop rows into the views tools return, with status words and amounts in the customer's language.</summary>
public static class OrderPresenter
{
    public static OrderView View(ShopOrderDetails details, LocaleTexts texts, StoreOptions store)
    {
        var order = details.Order;
        return new OrderView(
            order.OrderNumber,
            order.Status,
            texts.Word("order_status", order.Status),
            order.PlacedAt,
            texts.Money(order.Total, order.Currency),
            texts.Money(order.Subtotal, order.Currency),
            texts.Money(order.ShippingFee, order.Currency),
            [.. details.Items.Select(i => new OrderItemView(i.Name, i.Quantity, texts.Money(i.UnitPrice, order.Currency)))],
            [.. details.Shipments.Select(s => new ShipmentView(s.Carrier, s.TrackingNumber, s.Status, texts.Word("shipment_status", s.Status),
                s.TrackingUrl, s.EstimatedDelivery, s.DeliveredAt,
                [.. details.Events.Where(e => e.ShipmentId == s.Id).Select(e => new ShipmentEventView(e.OccurredAt, e.Location, e.Description))]))],
            store.OrderUrl(order.OrderNumber));
    }

    public static OrderSummaryView Summary(ShopOrderDetails details, LocaleTexts texts) => new(
        details.Order.OrderNumber,
        details.Order.Status,
        texts.Word("order_status", details.Order.Status),
        details.Order.PlacedAt,
        texts.Money(details.Order.Total, details.Order.Currency),
        details.Items.Sum(i => i.Quantity));
}
