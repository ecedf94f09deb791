namespace Assistant.Engine.Store;

/// <summary>
/// The store's side of an order action (design: "Order actions"): a fresh read of the order, the write, and the
/// read-back that says whether the write took effect. Writes are not idempotent on the stores' APIs, so a write whose
/// outcome is unknown (a timeout, a 5xx) is never repeated: the caller reads back and decides.
/// </summary>
public interface IOrderWriter
{
    /// <summary>The order as the store has it now, never from a cache: what eligibility is checked against just before the write.</summary>
    Task<ShopOrderDetails?> ReadAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Carries the request out once. Throws <see cref="StoreUnavailableException"/> when the outcome is unknown.</summary>
    Task<StoreWriteResult> WriteAsync(OrderWriteRequest request, CancellationToken cancellationToken);

    /// <summary>What the store now says about the request: whether it took effect, and the store's own status words.</summary>
    Task<StoreReadBack> ReadBackAsync(OrderWriteRequest request, CancellationToken cancellationToken);
}

/// <param name="Key">The pending action's id: the idempotency key, and the reference the store keeps where it can.</param>
/// <param name="Conversation">Where it was asked, for the store's staff (<c>account/conversation</c>).</param>
public sealed record OrderWriteRequest(
    Guid Key, string Kind, ShopOrderDetails Order, ShippingAddress? Address, string? Reason, IReadOnlyList<ShopOrderItem> Items, string Conversation);

/// <summary>A complete shipping address; <see cref="CountryCode"/> is ISO 3166-1 alpha-2.</summary>
public sealed record ShippingAddress(
    string Name, string Line1, string? Line2, string City, string? Region, string PostalCode, string CountryCode, string? Phone)
{
    public override string ToString() =>
        string.Join(", ", new[] { Name, Line1, Line2, City, Region, PostalCode, CountryCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <param name="Refusal">Why the store refused, in its words; null when it accepted.</param>
/// <param name="InProgress">
/// Accepted and still being carried out by the store (Shopify cancels in a background job): what the read-back shows
/// if the change is not visible yet, in the <c>order_status</c> words.
/// </param>
public sealed record StoreWriteResult(string? Refusal, string? InProgress = null)
{
    public static StoreWriteResult Accepted { get; } = new((string?)null);

    public bool IsAccepted => Refusal is null;
}

/// <param name="Done">Whether the store shows the request taken (cancelled, the return requested, the new address).</param>
/// <param name="Status">The store's own words for where it stands, shown to the customer.</param>
public sealed record StoreReadBack(bool Done, string Status);
