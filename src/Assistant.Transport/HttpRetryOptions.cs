namespace Assistant.Transport;

/// <summary>Retry policy of the Chatwoot and Zendesk clients (not the LLM, whose SDK retries on its own).</summary>
public sealed class HttpRetryOptions
{
    public const string SectionName = "Http";

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>One attempt's limit; the typed client's own timeout bounds the whole call, retries included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A longer <c>Retry-After</c> is not waited out in-line: the call fails and the inbox retries the work later.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
