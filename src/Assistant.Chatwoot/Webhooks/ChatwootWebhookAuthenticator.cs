using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Assistant.Chatwoot.Webhooks;

/// <summary>
/// Checks that a webhook came from our Chatwoot: <c>X-Chatwoot-Signature</c> = <c>sha256=</c> + hex HMAC-SHA256 of
/// <c>"{timestamp}.{raw body}"</c> keyed by the bot secret (Chatwoot 4.13+), or the <c>token</c> query parameter
/// for older Chatwoot. When a secret is configured the signature is required.
/// </summary>
public sealed class ChatwootWebhookAuthenticator(IOptionsMonitor<ChatwootOptions> options, TimeProvider clock)
{
    private const string SignaturePrefix = "sha256=";

    public WebhookVerdict Verify(ReadOnlySpan<byte> body, string? timestamp, string? signature, string? queryToken)
    {
        var current = options.CurrentValue;
        if (!string.IsNullOrEmpty(current.WebhookSecret))
        {
            return VerifySignature(current.WebhookSecret, body, timestamp, signature, clock.GetUtcNow(), current.SignatureTolerance);
        }

        if (!string.IsNullOrEmpty(current.WebhookToken))
        {
            return queryToken is not null && FixedTimeEquals(current.WebhookToken, queryToken) ? WebhookVerdict.Valid : WebhookVerdict.BadToken;
        }

        // Start-up validation refuses this state unless unsigned webhooks were explicitly allowed.
        return current.AllowUnsignedWebhooks ? WebhookVerdict.Valid : WebhookVerdict.MissingSignature;
    }

    public static WebhookVerdict VerifySignature(
        string secret, ReadOnlySpan<byte> body, string? timestamp, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return WebhookVerdict.MissingSignature;
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return WebhookVerdict.StaleTimestamp;
        }

        if (!signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerdict.BadSignature;
        }

        var expected = Compute(secret, timestamp, body);
        var given = signature.AsSpan(SignaturePrefix.Length).Trim();
        Span<byte> givenBytes = stackalloc byte[32];
        if (given.Length != 64 || Convert.FromHexString(given, givenBytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return WebhookVerdict.BadSignature;
        }

        return CryptographicOperations.FixedTimeEquals(expected, givenBytes) ? WebhookVerdict.Valid : WebhookVerdict.BadSignature;
    }

    /// <summary>The raw HMAC Chatwoot sends; tests and the terminal sandbox sign with it.</summary>
    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(Compute(secret, timestamp, body));

    private static bool FixedTimeEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
