namespace Assistant.Engine.Contract;

/// <summary>
/// An order as the customer may see it (amounts and dates formatted, links checked): what the Orders tools return to
/// the model, and what an <see cref="OrderReply"/> shows the customer.
/// </summary>
public sealed record OrderView(
    string OrderNumber, string Status, string StatusText, DateTimeOffset PlacedAt, string Total, string Subtotal, string ShippingFee,
    IReadOnlyList<OrderItemView> Items, IReadOnlyList<ShipmentView> Shipments, string? Link);

public sealed record OrderItemView(string Name, int Quantity, string UnitPrice);

public sealed record ShipmentView(
    string Carrier, string TrackingNumber, string Status, string StatusText, string? TrackingUrl, DateOnly? EstimatedDelivery,
    DateTimeOffset? DeliveredAt, IReadOnlyList<ShipmentEventView> Events);

public sealed record ShipmentEventView(DateTimeOffset At, string? Location, string Description);
