namespace Assistant.Engine.Store;

public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>The store's display name, used in the prompt.</summary>
    public string Name { get; set; } = "our store";

    /// <summary>Where a customer sees an order, e.g. <c>https://shop.example.com/orders/{orderNumber}</c>.</summary>
    public string? OrderUrlTemplate { get; set; }

    /// <summary>
    /// Whether a contact verified by Chatwoot's identity validation (hmac) is also matched to shop customers by the
    /// email and phone on its contact record. Off by default: the hmac signs only the identifier, and the email and
    /// phone sent with it are unsigned, so anyone who can sign in as one user could claim another customer's email.
    /// Turn it on only when your site sets the contact's email and phone from your own verified account data.
    /// </summary>
    public bool MatchHmacContactsByEmailAndPhone { get; set; }

    public string? OrderUrl(string orderNumber) =>
        string.IsNullOrWhiteSpace(OrderUrlTemplate) ? null : OrderUrlTemplate.Replace("{orderNumber}", Uri.EscapeDataString(orderNumber), StringComparison.Ordinal);
}
