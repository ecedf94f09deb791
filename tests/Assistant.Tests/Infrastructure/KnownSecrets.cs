namespace Assistant.Tests.Infrastructure;

/// <summary>The secret values tests configure or send; none may ever appear in a log line.</summary>
public static class KnownSecrets
{
    public const string LlmApiKey = "test-llm-key";
    public const string PubsubToken = "pubsub-token-secret";
    public const string ZendeskApiToken = "zendesk-token-secret";
    public const string ChatwootQueryToken = "query-token-value";
    public const string InboxSmtpPassword = "smtp-password-secret";
    public const string StoreIdentitySecret = "store-identity-secret-0123456789abcdef";

    public static IReadOnlyList<string> All { get; } =
    [
        AssistantServer.WebhookSecret,
        FakeChatwoot.BotToken,
        FakeChatwoot.UserToken,
        FakeZendesk.Secret,
        LlmApiKey,
        PubsubToken,
        ZendeskApiToken,
        ChatwootQueryToken,
        InboxSmtpPassword,
        StoreIdentitySecret,
        Shopify.FakeShopify.AccessToken,
        WooCommerce.FakeWooCommerce.ConsumerKey,
        WooCommerce.FakeWooCommerce.ConsumerSecret,
    ];
}
