using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Zendesk;

public sealed class ZendeskOptionsValidator : IValidateOptions<ZendeskOptions>
{
    public ValidateOptionsResult Validate(string? name, ZendeskOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.BaseUrl is null)
        {
            failures.Add("Zendesk__BaseUrl is required when Zendesk__Enabled is true (e.g. https://acme.zendesk.com).");
        }
        else if (SecureTransport.Problem(options.BaseUrl, "Zendesk__BaseUrl", options.AllowPlainHttp, "Zendesk__AllowPlainHttp") is { } problem)
        {
            failures.Add(problem);
        }

        if (string.IsNullOrWhiteSpace(options.Email))
        {
            failures.Add("Zendesk__Email is required when Zendesk__Enabled is true (the bridge agent's email).");
        }

        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            failures.Add("Zendesk__ApiToken is required when Zendesk__Enabled is true.");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            failures.Add("Zendesk__WebhookSecret is required when Zendesk__Enabled is true (the event webhook's signing secret).");
        }

        if (options.MirrorRepliesAs is not ("internal" or "public"))
        {
            failures.Add("Zendesk__MirrorRepliesAs must be internal or public.");
        }

        if (options.MaxUpdatesPerTenMinutes is < 2 or > 30)
        {
            failures.Add("Zendesk__MaxUpdatesPerTenMinutes must be between 2 and 30 (Zendesk's limit is 30).");
        }

        if (options.ChatwootInboxId is not null && options.ChatwootAccountId is null)
        {
            failures.Add("Zendesk__ChatwootAccountId is required with Zendesk__ChatwootInboxId (the account of that API inbox).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
