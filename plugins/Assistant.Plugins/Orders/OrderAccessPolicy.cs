using Assistant.Core.Turns;

namespace Assistant.Plugins.Orders;

/// <summary>
/// The design's access rule, enforced here and never left to the prompt. A verified contact reads the orders of the
/// customer their proven address matches. Anyone reads one order by giving its number with the email or phone on
/// that order, provided the customer typed that proof themselves: a value only the model supplies proves nothing.
/// </summary>
public static class OrderAccessPolicy
{
    /// <summary>Whether a shop customer is the contact, judged only by what the contact's verification proves.</summary>
    public static bool IsVerifiedCustomer(ShopCustomer customer, CustomerIdentity identity) => identity.VerifiedBy switch
    {
        "hmac" => SameExternalId(customer, identity.Identifier) || SameEmail(customer.Email, identity.Email) || SamePhone(customer.Phone, identity.Phone),
        "phone" => SamePhone(customer.Phone, identity.Phone),
        "email" => SameEmail(customer.Email, identity.Email),
        _ => false,
    };

    public static bool CanRead(
        ShopOrderDetails order, CustomerIdentity identity, string? givenEmail, string? givenPhone, IReadOnlyList<string> customerTexts)
    {
        if (IsVerifiedCustomer(order.Owner, identity))
        {
            return true;
        }

        var emailProof = !string.IsNullOrWhiteSpace(givenEmail)
            && SameEmail(order.Owner.Email, givenEmail)
            && (SameEmail(identity.Email, givenEmail) || customerTexts.Any(t => t.Contains(givenEmail.Trim(), StringComparison.OrdinalIgnoreCase)));
        var phoneProof = !string.IsNullOrWhiteSpace(givenPhone)
            && SamePhone(order.Owner.Phone, givenPhone)
            && (SamePhone(identity.Phone, givenPhone) || customerTexts.Any(t => ContainsPhone(t, givenPhone)));
        return emailProof || phoneProof;
    }

    internal static bool SameEmail(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Same number when the digits agree, allowing one side to omit the country code (at least 8 digits must match).</summary>
    internal static bool SamePhone(string? a, string? b)
    {
        var x = ShopRepository.PhoneDigits(a);
        var y = ShopRepository.PhoneDigits(b);
        if (x is null || y is null)
        {
            return false;
        }

        var (shorter, longer) = x.Length <= y.Length ? (x, y) : (y, x);
        return shorter.Length >= 8 && longer.EndsWith(shorter.TrimStart('0'), StringComparison.Ordinal);
    }

    private static bool SameExternalId(ShopCustomer customer, string? identifier) =>
        !string.IsNullOrWhiteSpace(identifier) && string.Equals(customer.ExternalId, identifier, StringComparison.Ordinal);

    private static bool ContainsPhone(string text, string phone)
    {
        // The last nine digits identify a number whether or not it was typed with its country code or trunk zero.
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var wanted = ShopRepository.PhoneDigits(phone);
        return wanted is { Length: >= 9 } && digits.Contains(wanted[^9..], StringComparison.Ordinal);
    }
}
