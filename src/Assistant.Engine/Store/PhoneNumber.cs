using System.Text.RegularExpressions;

namespace Assistant.Engine.Store;

/// <summary>
/// A phone number good enough to prove who someone is: at least 8 significant digits after the international prefix
/// or trunk zeros, none of it padding or a placeholder. Numbers written with <c>+</c> or <c>00</c> are international
/// (E.164 digits); others are national, and match an international one only as its tail after a 1–3 digit country code.
/// </summary>
public sealed partial record PhoneNumber(string Digits, bool International)
{
    private const int MinSignificantDigits = 8;
    private const int MaxDigits = 15;

    /// <summary>The number, or null when the text is too short, too long, all zeros, or made of one or two repeated digits.</summary>
    public static PhoneNumber? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        PhoneNumber number;
        if (trimmed.StartsWith('+'))
        {
            number = new PhoneNumber(digits, International: true);
        }
        else if (digits.StartsWith("00", StringComparison.Ordinal) && digits.Length > 2 && digits[2] != '0')
        {
            number = new PhoneNumber(digits[2..], International: true);
        }
        else
        {
            // Trunk zeros (and zero padding) carry no information: "0000-0045-678" is the 5-digit "45678".
            number = new PhoneNumber(digits.TrimStart('0'), International: false);
        }

        return number.IsPlausible ? number : null;
    }

    /// <summary>
    /// Every number a text (the customer's own words) may contain: each phone-like run, and each stretch of its
    /// space-separated groups, since "order 1042 0151 12345678" runs an order number into a phone number.
    /// </summary>
    public static IEnumerable<PhoneNumber> FindIn(string text)
    {
        foreach (Match run in PhoneLike().Matches(text))
        {
            var groups = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var first = 0; first < groups.Length; first++)
            {
                for (var last = first; last < groups.Length; last++)
                {
                    if (Parse(string.Join(' ', groups[first..(last + 1)])) is { } number)
                    {
                        yield return number;
                    }
                }
            }
        }
    }

    /// <summary>Same number: equal digits, or a national number that is the international one less its country code.</summary>
    public bool Matches(PhoneNumber? other)
    {
        if (other is null)
        {
            return false;
        }

        if (Digits == other.Digits)
        {
            return true;
        }

        if (International == other.International)
        {
            return false;
        }

        var (international, national) = International ? (Digits, other.Digits) : (other.Digits, Digits);
        var countryCode = international.Length - national.Length;
        return countryCode is >= 1 and <= 3 && international.EndsWith(national, StringComparison.Ordinal);
    }

    public static bool Same(string? a, string? b) => Parse(a) is { } x && x.Matches(Parse(b));

    private bool IsPlausible =>
        Digits.Length is >= MinSignificantDigits and <= MaxDigits
        && Digits[0] != '0'
        && Digits.Distinct().Count() >= 3;

    [GeneratedRegex(@"\+?\d[\d \-.()/]{5,22}\d")]
    private static partial Regex PhoneLike();
}
