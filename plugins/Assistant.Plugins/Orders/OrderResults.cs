using Assistant.Engine.Contract;

namespace Assistant.Plugins.Orders;

// What the Orders tools return to the model: small records, serialized camelCase.

/// <summary>The answer to an order question. A missing order, another customer's order and a wrong proof read alike.</summary>
public sealed record OrderLookup(bool Found, string? Problem, OrderView? Order)
{
    public static OrderLookup NotFound { get; } = new(false, "No order with that number was found for this customer. Check the number, or ask for the email address or phone number used on the order.", null);

    public static OrderLookup NeedsProof { get; } = new(false, "This customer is not verified: ask for the order number together with the email address or phone number used on the order.", null);

    public static OrderLookup LimitReached { get; } = new(false, "Too many order numbers were tried without a match; no more orders are looked up here and a colleague takes over. Do not ask for another number.", null);

    public static OrderLookup ProofFormSent { get; } = new(false, "The customer was sent a form for the order number and the email or phone on the order. Do not ask again; at most say they can fill it in.", null);
}

public sealed record OrderList(bool Allowed, string? Problem, IReadOnlyList<OrderSummaryView> Orders);

public sealed record OrderSummaryView(string OrderNumber, string Status, string StatusText, DateTimeOffset PlacedAt, string Total, int ItemCount);
