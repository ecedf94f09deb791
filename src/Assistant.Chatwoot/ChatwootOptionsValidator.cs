using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Chatwoot;

/// <summary>Names the exact environment variable that is wrong, so a failed start tells the operator what to fix.</summary>
public sealed class ChatwootOptionsValidator : IValidateOptions<ChatwootOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatwootOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is null)
        {
            failures.Add("Chatwoot__BaseUrl is required (the address of your Chatwoot, e.g. https://chat.example.com).");
        }
        else if (SecureTransport.Problem(options.BaseUrl, "Chatwoot__BaseUrl", options.AllowPlainHttp, "Chatwoot__AllowPlainHttp") is { } problem)
        {
            failures.Add(problem);
        }

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("Chatwoot__BotToken is required (the agent bot's access token).");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret) && string.IsNullOrWhiteSpace(options.WebhookToken) && !options.AllowUnsignedWebhooks)
        {
            failures.Add("Chatwoot__WebhookSecret is required (the agent bot's secret, Chatwoot 4.13+), or Chatwoot__WebhookToken for older "
                + "Chatwoot; Chatwoot__AllowUnsignedWebhooks=true accepts unsigned webhooks and is meant for development only.");
        }

        if (options.AccountId is <= 0)
        {
            failures.Add("Chatwoot__AccountId must be a positive account id (the number in /app/accounts/<id>/ of Chatwoot's address).");
        }

        if (options.SignatureTolerance <= TimeSpan.Zero || options.SignatureTolerance > TimeSpan.FromHours(1))
        {
            failures.Add("Chatwoot__SignatureTolerance must be between 00:00:01 and 01:00:00.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Chatwoot__RequestTimeout must be between 00:00:01 and 00:05:00.");
        }

        if (!string.IsNullOrWhiteSpace(options.TrustHmac) && !options.TrustsEnforcedHmac
            && !string.Equals(options.TrustHmac.Trim(), HmacTrust.Never, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Chatwoot__TrustHmac must be '{HmacTrust.Never}' or '{HmacTrust.Enforced}'.");
        }
        else if (options.TrustsEnforcedHmac && string.IsNullOrWhiteSpace(options.UserToken) && options.HmacEnforcedInboxIds.Count == 0)
        {
            failures.Add("Chatwoot__TrustHmac=enforced needs Chatwoot__UserToken (to read which inboxes enforce identity validation) "
                + "or Chatwoot__HmacEnforcedInboxes (their ids).");
        }

        if (!string.IsNullOrWhiteSpace(options.HmacEnforcedInboxes)
            && options.HmacEnforcedInboxIds.Count != options.HmacEnforcedInboxes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length)
        {
            failures.Add("Chatwoot__HmacEnforcedInboxes must be inbox ids separated by commas, e.g. 3,7.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
