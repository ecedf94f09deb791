namespace Assistant.Chatwoot.Webhooks;

public enum WebhookVerdict
{
    Valid,
    MissingSignature,
    StaleTimestamp,
    BadSignature,
    BadToken,
}
