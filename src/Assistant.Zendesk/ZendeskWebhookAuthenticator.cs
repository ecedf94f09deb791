using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Assistant.Zendesk;

/// <summary>
/// <c>X-Zendesk-Webhook-Signature</c> = base64 HMAC-SHA256 of <c>timestamp + raw body</c>, keyed by the signing
/// secret's bytes as they are (it looks like base64 but is not decoded); the timestamp must be within the tolerance.
/// </summary>
public sealed class ZendeskWebhookAuthenticator(IOptionsMonitor<ZendeskOptions> options, TimeProvider clock)
{
    public bool Verify(ReadOnlySpan<byte> body, string? timestamp, string? signature)
    {
        var current = options.CurrentValue;
        return !string.IsNullOrEmpty(current.WebhookSecret)
            && Verify(current.WebhookSecret, body, timestamp, signature, clock.GetUtcNow(), current.SignatureTolerance);
    }

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? timestamp, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || (now - at).Duration() > tolerance)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        return Convert.TryFromBase64String(signature.Trim(), given, out var written) && written == 32
            && CryptographicOperations.FixedTimeEquals(Compute(secret, timestamp, body), given);
    }

    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) => Convert.ToBase64String(Compute(secret, timestamp, body));
}
