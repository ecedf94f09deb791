using System.Text.RegularExpressions;
using Assistant.Engine.Turns;

namespace Assistant.Plugins.Orders;

/// <summary>
/// The design's access rule, enforced here and never left to the prompt. A verified contact reads the orders of the
/// customer their proven identity matches. Anyone reads one order by giving its number with the email or phone on
/// that order, provided the customer typed that proof themselves: a value only the model supplies proves nothing.
/// </summary>
public static partial class OrderAccessPolicy
{
    /// <summary>
    /// Whether a shop customer is the contact, judged only by what the contact's verification proves. Chatwoot's
    /// identity validation signs the identifier alone: the email and phone of the same <c>setUser</c> call are
    /// unsigned, so they identify an hmac contact only when <paramref name="trustHmacContactDetails"/> says so.
    /// </summary>
    public static bool IsVerifiedCustomer(ShopCustomer customer, CustomerIdentity identity, bool trustHmacContactDetails = false) => identity.VerifiedBy switch
    {
        "hmac" => SameExternalId(customer, identity.Identifier)
            || (trustHmacContactDetails && (SameEmail(customer.Email, identity.Email) || PhoneNumber.Same(customer.Phone, identity.Phone))),
        "phone" => PhoneNumber.Same(customer.Phone, identity.Phone),
        "email" => SameEmail(customer.Email, identity.Email),
        _ => false,
    };

    public static bool CanRead(
        ShopOrderDetails order, CustomerIdentity identity, string? givenEmail, string? givenPhone, IReadOnlyList<string> customerTexts,
        bool trustHmacContactDetails = false)
    {
        if (IsVerifiedCustomer(order.Owner, identity, trustHmacContactDetails))
        {
            return true;
        }

        var emailProof = SameEmail(order.Owner.Email, givenEmail)
            && (SameEmail(identity.Email, givenEmail) || customerTexts.Any(t => EmailsIn(t).Any(e => SameEmail(e, givenEmail))));
        var phone = PhoneNumber.Parse(givenPhone);
        var phoneProof = phone is not null && phone.Matches(PhoneNumber.Parse(order.Owner.Phone))
            && (phone.Matches(PhoneNumber.Parse(identity.Phone)) || customerTexts.Any(t => PhoneNumber.FindIn(t).Any(phone.Matches)));
        return emailProof || phoneProof;
    }

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
