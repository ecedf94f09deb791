namespace Assistant.Chatwoot;

public sealed class ChatwootOptions
{
    public const string SectionName = "Chatwoot";

    /// <summary>Chatwoot's address, e.g. <c>https://chat.example.com/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Admits an <c>http://</c> base URL (a local development set-up); otherwise the token travels only over https.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// The account the bot serves, for conversation events that do not name theirs (Chatwoot before 4.14.2 sends
    /// none when the conversation has no message yet). Optional; events that name their account use it.
    /// </summary>
    public long? AccountId { get; set; }

    /// <summary>The agent bot's access token (sent as <c>api_access_token</c>).</summary>
    public string? BotToken { get; set; }

    /// <summary>An optional agent or admin token for what bots may not call: contacts and message history.</summary>
    public string? UserToken { get; set; }

    /// <summary>The agent bot's secret: webhooks must carry a valid <c>X-Chatwoot-Signature</c> (Chatwoot 4.13+).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>For Chatwoot before 4.13: the outgoing URL carries <c>?token=</c> with this value.</summary>
    public string? WebhookToken { get; set; }

    /// <summary>Development only: accept webhooks with neither check configured.</summary>
    public bool AllowUnsignedWebhooks { get; set; }

    /// <summary>How far <c>X-Chatwoot-Timestamp</c> may be from now.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether Chatwoot's identity validation (<c>hmac_verified</c>) proves who a web visitor is: <c>never</c> (the
    /// default) or <c>enforced</c>, on inboxes that enforce it. Even there Chatwoot merges a signed-in visitor into
    /// another contact on an unsigned email or phone update, so <c>enforced</c> trades safety for convenience; the
    /// store-signed identity (<c>Store__IdentitySecret</c>) is the safe way (README: "Identity").
    /// </summary>
    public string? TrustHmac { get; set; } = HmacTrust.Never;

    /// <summary>Whether <see cref="TrustHmac"/> says <c>enforced</c>; empty (as compose passes an unset value) means never.</summary>
    public bool TrustsEnforcedHmac => string.Equals(TrustHmac?.Trim(), HmacTrust.Enforced, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Inboxes that enforce identity validation, comma-separated ids, for set-ups without <c>Chatwoot__UserToken</c>;
    /// with the token, Chatwoot's own <c>hmac_mandatory</c> is read too.
    /// </summary>
    public string? HmacEnforcedInboxes { get; set; }

    public IReadOnlySet<long> HmacEnforcedInboxIds =>
        (HmacEnforcedInboxes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0)
            .ToHashSet();

    /// <summary>The longest one API call may take, retries included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>The values of <c>Chatwoot__TrustHmac</c>.</summary>
public static class HmacTrust
{
    public const string Never = "never";
    public const string Enforced = "enforced";
}
