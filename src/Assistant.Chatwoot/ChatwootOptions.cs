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

    /// <summary>The longest one API call may take, retries included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
