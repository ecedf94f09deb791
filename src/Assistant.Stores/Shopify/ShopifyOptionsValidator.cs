using System.Text.RegularExpressions;
using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.Shopify;

/// <summary>With <c>Store__Kind=shopify</c>, the settings the adapter cannot work without, named as environment variables.</summary>
public sealed partial class ShopifyOptionsValidator : IValidateOptions<ShopifyOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopifyOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ShopDomain))
        {
            failures.Add("Shopify__ShopDomain is required with Store__Kind=shopify, e.g. acme.myshopify.com.");
        }
        else if (options.BaseUrl is not { } url)
        {
            failures.Add("Shopify__ShopDomain must be a shop domain such as acme.myshopify.com, or an absolute URL.");
        }
        else if (SecureTransport.Problem(url, "Shopify__ShopDomain", options.AllowPlainHttp, "Shopify__AllowPlainHttp") is { } problem)
        {
            failures.Add(problem);
        }

        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            failures.Add("Shopify__AccessToken is required with Store__Kind=shopify: the Admin API access token of a custom app (see README, \"Shopify\").");
        }

        if (!ApiVersionFormat().IsMatch(options.ApiVersion ?? string.Empty))
        {
            failures.Add($"Shopify__ApiVersion must be a version such as {ShopifyOptions.DefaultApiVersion}.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.MaxThrottleWait < TimeSpan.Zero || options.MaxThrottleWait >= options.RequestTimeout)
        {
            failures.Add("Shopify__MaxThrottleWait must be shorter than Shopify__RequestTimeout, and both positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^(\d{4}-(01|04|07|10)|unstable)$")]
    private static partial Regex ApiVersionFormat();
}
