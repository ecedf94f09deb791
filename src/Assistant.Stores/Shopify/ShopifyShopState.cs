using System.Text.Json;
using Assistant.Transport;

namespace Assistant.Stores.Shopify;

/// <summary>
/// What this process learned of the shop, shared by every call: its query-cost bucket as Shopify last reported it
/// (<c>extensions.cost.throttleStatus</c>), so a call waits for the points it needs instead of being refused; and
/// whether the token may read translations.
/// </summary>
public sealed class ShopifyShopState
{
    /// <summary>Shopify said the token may not read translations (no <c>read_translations</c>): names stay in the shop's language.</summary>
    public bool TranslationsDenied { get; set; }

    private readonly Lock _gate = new();
    private (double Available, double Maximum, double RestoreRate, DateTimeOffset At)? _bucket;

    public void Remember(JsonElement? cost, DateTimeOffset now)
    {
        var status = cost?.Property("throttleStatus");
        if (status?.Property("currentlyAvailable").Double() is { } available && status?.Property("maximumAvailable").Double() is { } maximum
            && status?.Property("restoreRate").Double() is { } rate)
        {
            lock (_gate)
            {
                _bucket = (available, maximum, rate, now);
            }
        }
    }

    /// <summary>How long to wait before a call that costs about <paramref name="cost"/>; zero when the bucket holds it.</summary>
    public TimeSpan WaitBefore(double cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_bucket is not { } bucket || bucket.RestoreRate <= 0)
            {
                return TimeSpan.Zero;
            }

            var refilled = Math.Min(bucket.Maximum, bucket.Available + ((now - bucket.At).TotalSeconds * bucket.RestoreRate));
            var needed = Math.Min(cost, bucket.Maximum);
            return refilled >= needed ? TimeSpan.Zero : TimeSpan.FromSeconds((needed - refilled) / bucket.RestoreRate);
        }
    }
}
