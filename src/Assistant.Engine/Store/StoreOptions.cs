namespace Assistant.Engine.Store;

public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>The store's display name, used in the prompt.</summary>
    public string Name { get; set; } = "our store";

    /// <summary>Where a customer sees an order, e.g. <c>https://shop.example.com/orders/{orderNumber}</c>.</summary>
    public string? OrderUrlTemplate { get; set; }

    /// <summary>
    /// The secret the store's site signs customer identities with (<see cref="Identity.StoreIdentityToken"/>); at
    /// least 32 characters. Unset: no store-signed identity is accepted.
    /// </summary>
    public string? IdentitySecret { get; set; }

    public string? OrderUrl(string orderNumber) =>
        string.IsNullOrWhiteSpace(OrderUrlTemplate) ? null : OrderUrlTemplate.Replace("{orderNumber}", Uri.EscapeDataString(orderNumber), StringComparison.Ordinal);
}
