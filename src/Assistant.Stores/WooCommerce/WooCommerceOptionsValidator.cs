using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.WooCommerce;

/// <summary>With <c>Store__Kind=woocommerce</c>, the settings the adapter cannot work without, named as environment variables.</summary>
public sealed class WooCommerceOptionsValidator : IValidateOptions<WooCommerceOptions>
{
    public ValidateOptionsResult Validate(string? name, WooCommerceOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiteUrl))
        {
            failures.Add("WooCommerce__SiteUrl is required with Store__Kind=woocommerce, e.g. https://shop.example.com.");
        }
        else if (options.BaseUrl is not { } url)
        {
            failures.Add("WooCommerce__SiteUrl must be the shop's absolute address, e.g. https://shop.example.com.");
        }
        else if (SecureTransport.Problem(url, "WooCommerce__SiteUrl", options.AllowPlainHttp, "WooCommerce__AllowPlainHttp") is { } problem)
        {
            failures.Add(problem);
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerKey) || string.IsNullOrWhiteSpace(options.ConsumerSecret))
        {
            failures.Add("WooCommerce__ConsumerKey and WooCommerce__ConsumerSecret are required with Store__Kind=woocommerce: a REST API key (WooCommerce > Settings > Advanced > REST API; see README, \"WooCommerce\").");
        }

        if (options.LanguageCodes is null)
        {
            failures.Add("WooCommerce__Languages must be locale:code pairs separated by commas, e.g. zh-CN:zh-hans,vi:vi.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("WooCommerce__RequestTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
