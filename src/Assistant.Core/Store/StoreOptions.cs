namespace Assistant.Core.Store;

public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>The store's display name, used in the prompt.</summary>
    public string Name { get; set; } = "our store";

    /// <summary>Where a customer sees an order, e.g. <c>https://shop.example.com/orders/{orderNumber}</c>.</summary>
    public string? OrderUrlTemplate { get; set; }

    public string? OrderUrl(string orderNumber) =>
        string.IsNullOrWhiteSpace(OrderUrlTemplate) ? null : OrderUrlTemplate.Replace("{orderNumber}", Uri.EscapeDataString(orderNumber), StringComparison.Ordinal);
}
