using Assistant.Engine.Contract;
using System.Text.RegularExpressions;
using Assistant.Engine.Store;

namespace Assistant.Plugins.Orders;

/// <summary>
/// The design's access rule, enforced here and never left to the prompt. A verified contact reads the orders of the
/// customer their proven identity matches. Anyone reads one order by giving its number with the email or phone on
/// that order, provided the customer typed that proof themselves: a value only the model supplies proves nothing.
/// </summary>
public static partial class OrderAccessPolicy
{
    /// <summary>
    /// Whether a shop customer is the contact, judged only by what the contact's verification proves: a signed
    /// identity (the store's token or Chatwoot's identity validation) names the customer's external id and nothing
    /// else (the email and phone sent beside it are unsigned); a channel proves the phone or email it received from.
    /// </summary>
    public static bool IsVerifiedCustomer(ShopCustomer customer, CustomerIdentity identity) => identity.VerifiedBy switch
    {
        "store" or "hmac" => SameExternalId(customer, identity.Identifier),
        "phone" => PhoneNumber.Same(customer.Phone, identity.Phone),
        "email" => SameEmail(customer.Email, identity.Email),
        _ => false,
    };

    public static bool CanRead(
        ShopOrderDetails order, CustomerIdentity identity, string? givenEmail, string? givenPhone, IReadOnlyList<string> customerTexts) =>
        Grant(order, identity, givenEmail, givenPhone, customerTexts) is not null;

    /// <summary>
    /// Why this customer may read the order, or null: the address that proved it (the channel's, or one the customer
    /// gave), or neither for a signed identity. The caller still checks that the address is not shared by several
    /// shop customers (<see cref="ProvesOneCustomer"/>).
    /// </summary>
    public static AccessGrant? Grant(
        ShopOrderDetails order, CustomerIdentity identity, string? givenEmail, string? givenPhone, IReadOnlyList<string> customerTexts)
    {
        if (IsVerifiedCustomer(order.Owner, identity))
        {
            return GrantOf(identity);
        }

        if (SameEmail(order.Owner.Email, givenEmail)
            && (SameEmail(identity.Email, givenEmail) || customerTexts.Any(t => EmailsIn(t).Any(e => SameEmail(e, givenEmail)))))
        {
            return new AccessGrant(givenEmail!.Trim(), null);
        }

        var phone = PhoneNumber.Parse(givenPhone);
        return phone is not null && phone.Matches(PhoneNumber.Parse(order.Owner.Phone))
            && (phone.Matches(PhoneNumber.Parse(identity.Phone)) || customerTexts.Any(t => PhoneNumber.FindIn(t).Any(phone.Matches)))
            ? new AccessGrant(null, givenPhone!.Trim())
            : null;
    }

    /// <summary>The address a verified identity rests on: none for a signed one (external ids are unique), else the channel's.</summary>
    public static AccessGrant GrantOf(CustomerIdentity identity) => identity.VerifiedBy switch
    {
        "phone" => new AccessGrant(null, identity.Phone),
        "email" => new AccessGrant(identity.Email, null),
        _ => new AccessGrant(null, null),
    };

    /// <summary>
    /// Whether the grant's address belongs to at most one of <paramref name="holders"/> (the shop customers found for
    /// it): a placeholder like <c>1234567890</c> or a shared office address on several customers proves none of them.
    /// </summary>
    public static bool ProvesOneCustomer(AccessGrant grant, IEnumerable<ShopCustomer> holders) =>
        holders.Count(c => (grant.Email is not null && SameEmail(c.Email, grant.Email)) || (grant.Phone is not null && PhoneNumber.Same(c.Phone, grant.Phone))) <= 1;

    /// <summary>Equal addresses, ignoring case; an address without a local part and a domain proves nothing.</summary>
    internal static bool SameEmail(string? a, string? b) =>
        IsAddress(a) && IsAddress(b) && string.Equals(a!.Trim(), b!.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool IsAddress(string? email) => email is not null && EmailAddress().IsMatch(email.Trim());

    private static IEnumerable<string> EmailsIn(string text) => EmailInText().Matches(text).Select(m => m.Value);

    private static bool SameExternalId(ShopCustomer customer, string? identifier) =>
        !string.IsNullOrWhiteSpace(identifier) && string.Equals(customer.ExternalId, identifier, StringComparison.Ordinal);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();

    // A whole address: "xjane@example.com" must not prove "jane@example.com".
    [GeneratedRegex(@"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")]
    private static partial Regex EmailInText();
}

/// <summary>What let a customer read an order: the email or phone that proved it, or neither for a signed identity.</summary>
public sealed record AccessGrant(string? Email, string? Phone)
{
    public bool RestsOnAnAddress => Email is not null || Phone is not null;
}
