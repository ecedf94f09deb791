using Assistant.Chatwoot;
using Assistant.Engine.Turns;
using Assistant.Host.Admin;
using Assistant.Tests.Infrastructure;
using Assistant.Zendesk;

namespace Assistant.Tests.Operations;

/// <summary>What the admin pages show never carries a configured secret or a secret-bearing field's value.</summary>
public sealed class SecretRedactorTests
{
    private readonly SecretRedactor _redactor = new(
        new StaticOptionsMonitor<ChatwootOptions>(new ChatwootOptions { BotToken = FakeChatwoot.BotToken, UserToken = FakeChatwoot.UserToken, WebhookSecret = AssistantServer.WebhookSecret }),
        new StaticOptionsMonitor<ZendeskOptions>(new ZendeskOptions { ApiToken = KnownSecrets.ZendeskApiToken }),
        new StaticOptionsMonitor<LlmOptions>(new LlmOptions { ApiKey = KnownSecrets.LlmApiKey }),
        new StaticOptionsMonitor<AdminOptions>(new AdminOptions { Token = "admin-token-0123456789abcdef" }),
        new StaticOptionsMonitor<Assistant.Engine.Store.StoreOptions>(new Assistant.Engine.Store.StoreOptions { IdentitySecret = IdentitySecret }),
        new StaticOptionsMonitor<Assistant.Stores.Shopify.ShopifyOptions>(new Assistant.Stores.Shopify.ShopifyOptions { AccessToken = Infrastructure.Shopify.FakeShopify.AccessToken }),
        new StaticOptionsMonitor<Assistant.Stores.WooCommerce.WooCommerceOptions>(new Assistant.Stores.WooCommerce.WooCommerceOptions { ConsumerKey = Infrastructure.WooCommerce.FakeWooCommerce.ConsumerKey, ConsumerSecret = Infrastructure.WooCommerce.FakeWooCommerce.ConsumerSecret }));

    private const string IdentitySecret = KnownSecrets.StoreIdentitySecret;

    [Fact]
    public void Configured_secrets_are_masked_wherever_they_appear()
    {
        var text = $"called with {FakeChatwoot.BotToken} and key={KnownSecrets.LlmApiKey}; zendesk {KnownSecrets.ZendeskApiToken}; shopify {Infrastructure.Shopify.FakeShopify.AccessToken}; woo {Infrastructure.WooCommerce.FakeWooCommerce.ConsumerSecret}";

        var shown = _redactor.Redact(text);

        Assert.DoesNotContain(KnownSecrets.All, shown.Contains);
        Assert.Equal(5, shown.Split(SecretRedactor.Mask).Length - 1);
    }

    [Fact]
    public void Secret_fields_are_masked_by_name_and_the_rest_kept()
    {
        var json = $$"""{"contact_inbox":{"pubsub_token":"{{KnownSecrets.PubsubToken}}","source_id":"abc"},"smtp_password":"{{KnownSecrets.InboxSmtpPassword}}","name":"Jane"}""";

        var shown = _redactor.Redact(json);

        Assert.Equal("""{"contact_inbox":{"pubsub_token":"[redacted]","source_id":"abc"},"smtp_password":"[redacted]","name":"Jane"}""", shown);
    }

    [Fact]
    public void The_store_identity_secret_and_a_store_signed_token_are_masked()
    {
        var json = $$"""{"custom_attributes":{"store_identity":"cus_jane.1796731200.{{new string('a', 64)}}"},"note":"signed with {{IdentitySecret}}"}""";

        var shown = _redactor.Redact(json);

        Assert.Equal("""{"custom_attributes":{"store_identity":"[redacted]"},"note":"signed with [redacted]"}""", shown);
    }
}
