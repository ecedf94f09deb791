using System.CommandLine;
using System.Net;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Setup;
using Assistant.Engine.Configuration;
using Assistant.Transport;
using Assistant.Zendesk;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Cli;

/// <summary><c>setup chatwoot</c> and <c>setup zendesk</c>: connect the assistant to a real Chatwoot and Zendesk, idempotently.</summary>
internal static class SetupCommand
{
    public static Command Create() => new("setup", "Connect the assistant to Chatwoot, Zendesk or the store's platform (safe to run again).")
    {
        Chatwoot(), Zendesk(), StoreSetupCommand.Shopify(), StoreSetupCommand.WooCommerce(),
    };

    private static Command Chatwoot()
    {
        var url = new Option<string>("--url") { Description = "The bot's outgoing URL: where Chatwoot can reach this service, ending in /webhooks/chatwoot.", Required = true };
        var inboxes = new Option<long[]>("--inbox") { Description = "An inbox to connect the bot to (repeatable).", AllowMultipleArgumentsPerToken = true };
        var account = new Option<long>("--account") { Description = "The Chatwoot account id.", DefaultValueFactory = _ => 1 };
        var name = new Option<string>("--name") { Description = "The bot's name (how an existing bot is found).", DefaultValueFactory = _ => "Shopping assistant" };
        var command = new Command("chatwoot", "Create or update the Agent Bot, connect it to inboxes, print its token and secret. Needs Chatwoot__BaseUrl and an administrator's Chatwoot__UserToken.")
        {
            url, inboxes, account, name,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, token) =>
        {
            var outgoing = CheckUrl(parse.GetValue(url)!, "--url");
            using var host = AssistantBuilder.BuildHost([.. parse.UnmatchedTokens], (services, _) => services.AddAssistantChatwoot(forService: false));
            var options = host.Services.GetRequiredService<IOptions<ChatwootOptions>>().Value;
            if (options.BaseUrl is null || string.IsNullOrWhiteSpace(options.UserToken))
            {
                throw new ConfigurationException("setup chatwoot needs Chatwoot__BaseUrl and Chatwoot__UserToken (an administrator's access token, from Profile settings).");
            }

            if (SecureTransport.Problem(options.BaseUrl, "Chatwoot__BaseUrl", options.AllowPlainHttp, "Chatwoot__AllowPlainHttp") is { } insecure)
            {
                throw new ConfigurationException(insecure);
            }

            var result = await host.Services.GetRequiredService<ChatwootSetup>().RunAsync(parse.GetValue(account), parse.GetValue(name)!, outgoing, parse.GetValue(inboxes) ?? [], token);
            Console.WriteLine($"Agent bot {result.BotId} {(result.Created ? "created" : result.Updated ? "updated" : "already up to date")}; connected to inbox(es): {(result.Inboxes.Count == 0 ? "none" : string.Join(", ", result.Inboxes))}.");
            Console.WriteLine("Configure the assistant with:");
            Console.WriteLine($"  Chatwoot__BaseUrl={options.BaseUrl}");
            Console.WriteLine($"  Chatwoot__BotToken={result.AccessToken ?? "(not shown: read it in Chatwoot's bot settings)"}");
            Console.WriteLine(result.Secret is { } secret
                ? $"  Chatwoot__WebhookSecret={secret}"
                : "  (this Chatwoot signs no webhooks: it is older than 4.13. Run again with --url ending in ?token=<a long random value> and set Chatwoot__WebhookToken to that value.)");
            return 0;
        });
        return command;
    }

    private static Command Zendesk()
    {
        var url = new Option<string>("--url") { Description = "Where Zendesk can reach this service, ending in /webhooks/zendesk.", Required = true };
        var command = new Command("zendesk", "Create the event-subscription webhook (comment added, status changed) and print its signing secret. Needs Zendesk__BaseUrl, Zendesk__Email and Zendesk__ApiToken of an administrator.")
        {
            url,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, token) =>
        {
            var endpoint = CheckUrl(parse.GetValue(url)!, "--url");
            using var host = AssistantBuilder.BuildHost([.. parse.UnmatchedTokens], (services, _) => services.AddAssistantZendeskClient());
            var options = host.Services.GetRequiredService<IOptions<ZendeskOptions>>().Value;
            if (options.BaseUrl is null || string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.ApiToken))
            {
                throw new ConfigurationException("setup zendesk needs Zendesk__BaseUrl, Zendesk__Email and Zendesk__ApiToken (an administrator's API token).");
            }

            if (SecureTransport.Problem(options.BaseUrl, "Zendesk__BaseUrl", options.AllowPlainHttp, "Zendesk__AllowPlainHttp") is { } insecure)
            {
                throw new ConfigurationException(insecure);
            }

            var zendesk = host.Services.GetRequiredService<ZendeskClient>();
            var (id, created) = await zendesk.EnsureWebhookAsync("Chatwoot shopping assistant", endpoint,
                ["zen:event-type:ticket.comment_added", "zen:event-type:ticket.status_changed"], token);
            var secret = await zendesk.GetWebhookSigningSecretAsync(id, token);
            Console.WriteLine($"Zendesk webhook {id} {(created ? "created" : "already exists")}. Configure the assistant with:");
            Console.WriteLine("  Zendesk__Enabled=true");
            Console.WriteLine($"  Zendesk__WebhookSecret={secret}");
            return 0;
        });
        return command;
    }

    private static Uri CheckUrl(string value, string option)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ConfigurationException($"{option} must be an absolute http(s) URL that the other service can reach.");
        }

        if (url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IsPrivate(ip)))
        {
            Console.Error.WriteLine($"warning: {url.Host} is a private or loopback address; Chatwoot 4.14+ refuses to call it unless it runs with SAFE_FETCH_ALLOW_PRIVATE_NETWORK=true.");
        }

        return url;
    }

    private static bool IsPrivate(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && (bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254));
    }
}
