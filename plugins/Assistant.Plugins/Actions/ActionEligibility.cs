using System.Text.RegularExpressions;
using Assistant.Engine.Actions;
using Assistant.Engine.Store;

namespace Assistant.Plugins.Actions;

/// <summary>Why an order may not take an action; the code picks the customer's words (<c>action.reason_*</c>).</summary>
public sealed record Ineligible(string Code, string ForModel);

/// <summary>
/// Whether an order may be cancelled, returned or sent elsewhere, decided in code from what the store says (design:
/// "Order actions"), checked when the action is proposed and again on a fresh read just before the write.
/// </summary>
public static partial class ActionEligibility
{
    private static readonly string[] Unfulfilled = ["pending", "paid", "processing"];

    /// <returns>Null when eligible.</returns>
    public static Ineligible? Check(string kind, ShopOrderDetails order, ShippingAddress? address, DateTimeOffset now, ActionOptions settings) => kind switch
    {
        ActionKinds.Cancel => NotFulfilled(order, "cancelled"),
        ActionKinds.ChangeAddress => NotFulfilled(order, "sent elsewhere") ?? (IsComplete(address) ? null
            : new Ineligible("address", "The new address is incomplete: it needs a name, a street line, a city, a postal code and a two-letter country code. Ask for what is missing.")),
        ActionKinds.Return => Returnable(order, now, settings),
        _ => new Ineligible("status", "This action is not known."),
    };

    /// <summary>The items a return covers: all but those the store excludes (<c>Actions__ReturnExcludedSkus</c>).</summary>
    public static IReadOnlyList<ShopOrderItem> ReturnableItems(ShopOrderDetails order, ActionOptions settings)
    {
        var excluded = settings.ExcludedSkus;
        return [.. order.Items.Where(i => !excluded.Contains(i.Sku))];
    }

    public static bool IsComplete(ShippingAddress? address) =>
        address is not null && !string.IsNullOrWhiteSpace(address.Name) && !string.IsNullOrWhiteSpace(address.Line1)
        && !string.IsNullOrWhiteSpace(address.City) && !string.IsNullOrWhiteSpace(address.PostalCode) && CountryCode().IsMatch(address.CountryCode ?? string.Empty);

    private static Ineligible? NotFulfilled(ShopOrderDetails order, string what)
    {
        var status = order.Order.Status;
        if (status is "cancelled" or "refunded")
        {
            return new Ineligible("cancelled", $"Order #{order.Order.OrderNumber} is already {status}; nothing can be {what}.");
        }

        if (status == "failed")
        {
            return new Ineligible("status", $"Order #{order.Order.OrderNumber} was never paid; nothing can be {what}.");
        }

        return Unfulfilled.Contains(status) && order.Shipments.Count == 0 ? null
            : new Ineligible("shipped", $"Order #{order.Order.OrderNumber} has already been handed to the carrier, so it can no longer be {what}. Once delivered, a return can be requested.");
    }

    private static Ineligible? Returnable(ShopOrderDetails order, DateTimeOffset now, ActionOptions settings)
    {
        var number = order.Order.OrderNumber;
        if (order.Order.Status is "cancelled" or "refunded")
        {
            return new Ineligible("cancelled", $"Order #{number} is already {order.Order.Status}; there is nothing to return.");
        }

        if (order.Order.Status is not ("delivered" or "completed"))
        {
            return new Ineligible("not_delivered", $"Order #{number} has not been delivered yet; a return can be requested once it has.");
        }

        // A store that records no delivery date (WooCommerce) is measured from the order date: never a longer window than promised.
        var deliveredAt = order.Shipments.Select(s => s.DeliveredAt).Where(d => d is not null).Max() ?? order.Order.PlacedAt;
        if (now - deliveredAt > TimeSpan.FromDays(settings.ReturnWindowDays))
        {
            return new Ineligible("window", $"Order #{number} was delivered more than {settings.ReturnWindowDays} days ago, outside the return window.");
        }

        return ReturnableItems(order, settings).Count == 0
            ? new Ineligible("excluded", $"The items of order #{number} cannot be returned (final sale).")
            : null;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
