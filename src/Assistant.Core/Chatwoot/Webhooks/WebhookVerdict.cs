namespace Assistant.Core.Chatwoot.Webhooks;

public enum WebhookVerdict
{
    Valid,
    MissingSignature,
    StaleTimestamp,
    BadSignature,
    BadToken,
}
