namespace Assistant.Zendesk;

public sealed class ZendeskOptions
{
    public const string SectionName = "Zendesk";

    /// <summary>Mirror every conversation to a Zendesk ticket and bring Zendesk agents' replies back.</summary>
    public bool Enabled { get; set; }

    /// <summary>e.g. <c>https://acme.zendesk.com/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Admits an <c>http://</c> base URL (a local development set-up); otherwise the token travels only over https.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>The dedicated bridge agent's email; API-token authentication is <c>{email}/token:{token}</c>.</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    /// <summary>The event webhook's signing secret (<c>X-Zendesk-Webhook-Signature</c>).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary><c>internal</c> (default): bot and agent replies become internal notes, so Zendesk does not email the customer what they already read; <c>public</c>: public comments.</summary>
    public string MirrorRepliesAs { get; set; } = "internal";

    /// <summary>How long messages gather before they are written to the ticket: bursts become one update.</summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Zendesk allows 30 updates per ticket per 10 minutes per user; the bridge keeps below this.</summary>
    public int MaxUpdatesPerTenMinutes { get; set; } = 25;

    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>With <see cref="ChatwootInboxId"/>: tickets that start in Zendesk open a conversation in this Chatwoot account.</summary>
    public long? ChatwootAccountId { get; set; }

    /// <summary>A Chatwoot API inbox for tickets that start in Zendesk (needs <c>Chatwoot__UserToken</c> to create contacts).</summary>
    public long? ChatwootInboxId { get; set; }

    /// <summary>How often recently active tickets are re-read for comments whose webhook events were dropped.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tags set on tickets the bridge creates (comma-separated). Never used to suppress anything.</summary>
    public string Tags { get; set; } = "chatwoot";

    public bool RepliesArePublic => string.Equals(MirrorRepliesAs, "public", StringComparison.OrdinalIgnoreCase);

    /// <summary>Basic authentication as the bridge agent: <c>{email}/token:{api token}</c>, base64.</summary>
    public string BasicCredentials() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Email}/token:{ApiToken}"));
}
