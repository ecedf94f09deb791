using System.Text.RegularExpressions;
using Assistant.Chatwoot;
using Assistant.Engine.Turns;
using Assistant.Zendesk;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Admin;

/// <summary>
/// Masks secrets in what the admin pages show: every configured token, key and secret by value, and the values of
/// fields that carry secrets by name (Chatwoot's <c>pubsub_token</c>, <c>hmac_token</c>, passwords, the store-signed
/// <c>store_identity</c>, which signs a customer in until it expires).
/// </summary>
internal sealed partial class SecretRedactor(
    IOptionsMonitor<ChatwootOptions> chatwoot,
    IOptionsMonitor<ZendeskOptions> zendesk,
    IOptionsMonitor<LlmOptions> llm,
    IOptionsMonitor<AdminOptions> admin,
    IOptionsMonitor<Engine.Store.StoreOptions> store,
    IOptionsMonitor<Stores.Shopify.ShopifyOptions> shopify,
    IOptionsMonitor<Stores.WooCommerce.WooCommerceOptions> wooCommerce)
{
    public const string Mask = "[redacted]";

    public string Redact(string text)
    {
        var c = chatwoot.CurrentValue;
        var z = zendesk.CurrentValue;
        string?[] secrets = [c.BotToken, c.UserToken, c.WebhookSecret, c.WebhookToken, z.ApiToken, z.WebhookSecret, llm.CurrentValue.ApiKey, admin.CurrentValue.Token,
            store.CurrentValue.IdentitySecret, shopify.CurrentValue.AccessToken, wooCommerce.CurrentValue.ConsumerKey, wooCommerce.CurrentValue.ConsumerSecret];
        foreach (var secret in secrets.Where(s => s is { Length: >= 4 }).OrderByDescending(s => s!.Length))
        {
            text = text.Replace(secret!, Mask, StringComparison.Ordinal);
        }

        return SecretField().Replace(text, m => $"{m.Groups["name"].Value}{Mask}\"");
    }

    [GeneratedRegex(@"(?<name>""(?:pubsub_token|hmac_token|api_access_token|access_token|store_identity|[a-z_]*password|[a-z_]*secret)""\s*:\s*"")[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex SecretField();
}
