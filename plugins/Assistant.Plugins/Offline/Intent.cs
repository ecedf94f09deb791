namespace Assistant.Plugins.Offline;

public enum IntentKind
{
    Unknown,
    Human,
    Complaint,
    Tracking,
    OrderStatus,
    MyOrders,
    Goodbye,
    Help,
    Product,

    /// <summary>A question about a store policy (returns, shipping, payment): answered from the help articles.</summary>
    Policy,
}

/// <summary>What a customer's words ask for, with the order number and proofs found in them.</summary>
public sealed record Intent(IntentKind Kind, string? OrderNumber, string? Email, string? Phone);
