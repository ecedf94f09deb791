namespace Assistant.Stores.Setup;

/// <summary>One permission the assistant asks of the store: granted or not, needed or only useful, and why.</summary>
public sealed record StoreAccessCheck(string Name, bool Granted, bool Required, string Purpose);

/// <summary>What <c>assistant setup shopify|woocommerce</c> found: the shop, and each permission the assistant needs.</summary>
public sealed record StoreSetupReport(string Shop, IReadOnlyList<StoreAccessCheck> Checks, IReadOnlyList<string> Notes)
{
    /// <summary>Every required permission is granted: the assistant can read what it answers from.</summary>
    public bool Ready => Checks.All(c => c.Granted || !c.Required);
}
