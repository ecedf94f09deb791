using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assistant.Engine.Identity;

/// <summary>
/// The identity a store's own site vouches for: <c>{customer id}.{expiry, epoch seconds}.{signature}</c>, where the
/// signature is the lowercase hex HMAC-SHA256 of <c>{customer id}.{expiry}</c> keyed with <c>Store__IdentitySecret</c>.
/// The site puts it in the conversation's custom attribute <c>store_identity</c>, never the contact's: Chatwoot merges
/// contacts (and their attributes) on an unsigned email or phone update, but a conversation's attributes stay its own.
/// </summary>
public static class StoreIdentityToken
{
    private const int SignatureHexLength = 64;

    /// <summary>The customer id the token names, when it is well formed, signed with the secret and not expired.</summary>
    public static string? Verify(string? token, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrEmpty(secret) || token.Length > 1024)
        {
            return null;
        }

        // Split from the right: the customer id may itself hold dots.
        var signatureAt = token.LastIndexOf('.');
        var expiryAt = signatureAt > 0 ? token.LastIndexOf('.', signatureAt - 1) : -1;
        if (expiryAt <= 0 || token.Length - signatureAt - 1 != SignatureHexLength)
        {
            return null;
        }

        var signed = token[..signatureAt];
        var customerId = token[..expiryAt];
        if (!long.TryParse(token.AsSpan(expiryAt + 1, signatureAt - expiryAt - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= now.ToUnixTimeSeconds()
            || string.IsNullOrWhiteSpace(customerId))
        {
            return null;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(token.AsSpan(signatureAt + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(given, Signature(signed, secret)) ? customerId : null;
    }

    /// <summary>What the store's site computes (and the sandbox and tests, to play it).</summary>
    public static string Sign(string customerId, DateTimeOffset expires, string secret)
    {
        var signed = $"{customerId}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return $"{signed}.{Convert.ToHexStringLower(Signature(signed, secret))}";
    }

    private static byte[] Signature(string signed, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed));
}
