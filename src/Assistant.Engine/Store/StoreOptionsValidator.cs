using Microsoft.Extensions.Options;

namespace Assistant.Engine.Store;

internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public const int MinIdentitySecretLength = 32;

    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (!StoreKinds.All.Contains(options.Kind))
        {
            return ValidateOptionsResult.Fail($"Store__Kind must be one of {string.Join(", ", StoreKinds.All)}.");
        }

        if (options.CacheFor < TimeSpan.Zero || options.CacheFor > TimeSpan.FromMinutes(5))
        {
            return ValidateOptionsResult.Fail("Store__CacheFor must be between 00:00:00 (no cache) and 00:05:00: an order's status must not be read stale for long.");
        }

        if (!string.IsNullOrWhiteSpace(options.IdentitySecret) && options.IdentitySecret.Trim().Length < MinIdentitySecretLength)
        {
            return ValidateOptionsResult.Fail($"Store__IdentitySecret must be at least {MinIdentitySecretLength} characters (a random secret only the store's site and this service know).");
        }

        if (string.IsNullOrWhiteSpace(options.OrderUrlTemplate))
        {
            return ValidateOptionsResult.Success;
        }

        if (!options.OrderUrlTemplate.Contains("{orderNumber}", StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail("Store__OrderUrlTemplate must contain {orderNumber}, e.g. https://shop.example.com/orders/{orderNumber}.");
        }

        return Uri.TryCreate(options.OrderUrlTemplate.Replace("{orderNumber}", "1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Store__OrderUrlTemplate must be an absolute http(s) URL.");
    }
}
