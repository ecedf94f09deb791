using Assistant.Transport;

namespace Assistant.Stores.WooCommerce;

/// <summary>What this process learned of the shop once: its currency (products carry none of their own).</summary>
public sealed class WooCommerceShopState
{
    private string? _currency;

    public async Task<string> CurrencyAsync(WooCommerceClient woo, CancellationToken cancellationToken)
    {
        if (_currency is null)
        {
            var current = await woo.GetAsync("data/currencies/current", new Dictionary<string, string>(), cancellationToken);
            _currency = current?.Property("code").String() ?? string.Empty;
        }

        return _currency;
    }
}
