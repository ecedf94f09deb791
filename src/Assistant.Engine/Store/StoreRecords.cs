namespace Assistant.Engine.Store;

// What the store port returns (design: "Store adapters"): the `shop` contract's rows, whichever adapter fetched them.

public sealed record ShopCustomer(long Id, string Name, string? Company, string? Email, string? Phone, string? ExternalId, string? Locale);

public sealed record ShopOrder(
    long Id, string OrderNumber, long CustomerId, string Status, string Currency, decimal Subtotal, decimal ShippingFee,
    decimal Total, DateTimeOffset PlacedAt, string? Remark);

public sealed record ShopOrderItem(long Id, long OrderId, string Sku, string Name, int Quantity, decimal UnitPrice, string? ImageUrl);

public sealed record ShopShipment(
    long Id, long OrderId, string Carrier, string TrackingNumber, string? TrackingUrl, string Status, DateTimeOffset? ShippedAt,
    DateOnly? EstimatedDelivery, DateTimeOffset? DeliveredAt);

public sealed record ShopShipmentEvent(long Id, long ShipmentId, DateTimeOffset OccurredAt, string? Location, string Description);

/// <summary>An order with everything shown about it.</summary>
public sealed record ShopOrderDetails(
    ShopOrder Order, ShopCustomer Owner, IReadOnlyList<ShopOrderItem> Items, IReadOnlyList<ShopShipment> Shipments,
    IReadOnlyList<ShopShipmentEvent> Events)
{
    /// <summary>The same order with only links fit to show a customer (<see cref="StoreLinks"/>); the others dropped.</summary>
    public ShopOrderDetails WithSafeLinks(bool allowHttp) => this with
    {
        Items = [.. Items.Select(i => i with { ImageUrl = StoreLinks.Safe(i.ImageUrl, allowHttp) })],
        Shipments = [.. Shipments.Select(s => s with { TrackingUrl = StoreLinks.Safe(s.TrackingUrl, allowHttp) })],
    };
}

/// <summary>What the customer is looking for: words in any language, optionally a category and a price range.</summary>
public sealed record ProductQuery(string Text, string? Category = null, decimal? MinPrice = null, decimal? MaxPrice = null);

/// <param name="Stock">Units in stock; null when the store does not track it (always available).</param>
public sealed record ProductRow(
    long Id, string Sku, string Name, string? Description, string? Category, decimal Price, string Currency, int? Stock, string? ImageUrl, string? Url);
