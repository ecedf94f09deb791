using Assistant.Chatwoot.Channels;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Assistant.Engine.Turns;
using Microsoft.Extensions.Options;

namespace Assistant.Plugins.Orders;

/// <summary>Order look-ups for this turn's customer, with the access rule applied; shared by the tools and the offline router.</summary>
public sealed class OrderService(ShopRepository shop, TurnContext turn, PromptLibrary prompts, IOptionsSnapshot<StoreOptions> store)
{
    public const int MaxRecentOrders = 10;

    /// <summary>Order look-ups a turn may get wrong before the rest are refused unread: one message must not try a list of numbers.</summary>
    public const int MaxFailedLookupsPerTurn = 3;

    /// <summary>The order, when this customer may read it; otherwise why not, in words that never reveal whether it exists.</summary>
    public async Task<(OrderLookup Lookup, ShopOrderDetails? Details)> LookUpAsync(
        string orderNumber, string? email, string? phone, CancellationToken cancellationToken)
    {
        var identity = turn.Identity;
        // The contact record counts as the customer's own words (design: the proof may come from it).
        email = string.IsNullOrWhiteSpace(email) ? identity.Email : email;
        phone = string.IsNullOrWhiteSpace(phone) ? identity.Phone : phone;
        if (!identity.IsVerified && (string.IsNullOrWhiteSpace(orderNumber) || (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(phone))))
        {
            return (AskForProof(orderNumber), null);
        }

        if (turn.FailedOrderLookups >= MaxFailedLookupsPerTurn)
        {
            return (OrderLookup.NotFound, null);
        }

        var details = string.IsNullOrWhiteSpace(orderNumber) ? null : await shop.GetOrderAsync(orderNumber, cancellationToken);
        if (details is null || !OrderAccessPolicy.CanRead(details, identity, email, phone, turn.CustomerTexts, store.Value.MatchHmacContactsByEmailAndPhone))
        {
            turn.FailedOrderLookups++;
            return (OrderLookup.NotFound, null);
        }

        turn.OrdersReferenced.Add(details.Order.OrderNumber);
        return (new OrderLookup(true, null, OrderPresenter.View(details, Texts, store.Value)), details);
    }

    /// <summary>The verified customer's recent orders, newest first; unverified customers get none.</summary>
    public async Task<(OrderList List, IReadOnlyList<ShopOrderDetails> Details)> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        var identity = turn.Identity;
        if (!identity.IsVerified)
        {
            var proof = AskForProof(null);
            return (new OrderList(false, proof == OrderLookup.ProofFormSent ? proof.Problem
                : "This customer is not verified, so their orders cannot be listed. Ask for an order number together with the email address or phone number used on it.", []), []);
        }

        var candidates = await shop.FindCustomersAsync(identity.Identifier, identity.Email, identity.Phone, cancellationToken);
        var mine = candidates.Where(c => OrderAccessPolicy.IsVerifiedCustomer(c, identity, store.Value.MatchHmacContactsByEmailAndPhone)).Select(c => c.Id).ToList();
        var orders = mine.Count == 0 ? [] : await shop.RecentOrdersAsync(mine, Math.Clamp(limit, 1, MaxRecentOrders), cancellationToken);
        foreach (var order in orders)
        {
            turn.OrdersReferenced.Add(order.Order.OrderNumber);
        }

        return (new OrderList(true, orders.Count == 0 ? "No orders were found for this customer." : null,
            [.. orders.Select(o => OrderPresenter.Summary(o, Texts))]), orders);
    }

    public LocaleTexts Texts => prompts.Texts(turn.Language);

    /// <summary>On a channel with forms, sends (once a turn) the form that asks for the number and proof; elsewhere the caller asks in words.</summary>
    private OrderLookup AskForProof(string? orderNumber)
    {
        if (!ChannelProfile.For(turn.Conversation.Channel).Forms)
        {
            return OrderLookup.NeedsProof;
        }

        if (!turn.ProofFormSent)
        {
            turn.Plan.Answer(ProofForm.Build(Texts, orderNumber, turn.InReplyTo));
            turn.ProofFormSent = true;
        }

        return OrderLookup.ProofFormSent;
    }
}
