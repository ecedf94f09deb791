using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Microsoft.Extensions.Options;

namespace Assistant.Plugins.Orders;

/// <summary>Order look-ups for this turn's customer, with the access rule applied; shared by the tools and the offline router.</summary>
public sealed class OrderService(
    IOrderStore shop, OrderLookupLimiter limiter, TurnContext turn, PromptLibrary prompts, IOptionsSnapshot<StoreOptions> store)
{
    public const int MaxRecentOrders = 10;

    /// <summary>Order look-ups a turn may get wrong before the rest are refused unread: one message must not try a list of numbers.</summary>
    public const int MaxFailedLookupsPerTurn = 3;

    /// <summary>The order, when this customer may read it; otherwise why not, in words that never reveal whether it exists.</summary>
    public async Task<(OrderLookup Lookup, ShopOrderDetails? Details)> LookUpAsync(
        string orderNumber, string? email, string? phone, CancellationToken cancellationToken)
    {
        var identity = turn.Identity;
        var proofFromRecordOnly = string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(phone);
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

        var conversation = turn.Conversation;
        var allowance = await limiter.CheckAsync(conversation.AccountId, conversation.ConversationId, conversation.ContactId, cancellationToken);
        if (!allowance.Allowed)
        {
            await limiter.RecordRefusalAsync(conversation.AccountId, conversation.ConversationId, conversation.ContactId, cancellationToken);
            if (!allowance.RefusedBefore)
            {
                turn.Plan.HandOff(new HandoffRequest(HandoffReason.LookupLimit,
                    "The customer tried several order numbers that matched nothing they may read; order look-ups are paused in this conversation."));
            }

            return (OrderLookup.LimitReached, null);
        }

        var details = string.IsNullOrWhiteSpace(orderNumber) ? null : (await shop.GetOrderAsync(orderNumber, cancellationToken))?.WithSafeLinks(store.Value.AllowHttpLinks);
        var grant = details is null ? null : OrderAccessPolicy.Grant(details, identity, email, phone, turn.CustomerTexts);
        if (details is null || grant is null || !await ProvesOneCustomerAsync(grant, cancellationToken))
        {
            turn.FailedOrderLookups++;
            await limiter.RecordMissAsync(conversation.AccountId, conversation.ConversationId, conversation.ContactId, cancellationToken);
            // A visitor whose contact already carries an address (a pre-chat form) gets the proof form rather than a bare
            // "not found", whether the order is missing, another customer's or the address not its: all three alike.
            return (!identity.IsVerified && proofFromRecordOnly && turn.Channel.Forms ? AskForProof(orderNumber) : OrderLookup.NotFound, null);
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
        var mine = candidates.Where(c => OrderAccessPolicy.IsVerifiedCustomer(c, identity)).Select(c => c.Id).ToList();
        if (mine.Count > 1 && OrderAccessPolicy.GrantOf(identity).RestsOnAnAddress)
        {
            // The proven address is on several customers' records (a placeholder, a shared office address): it proves none of them.
            mine = [];
        }

        var orders = mine.Count == 0 ? [] : (await shop.RecentOrdersAsync(mine, Math.Clamp(limit, 1, MaxRecentOrders), cancellationToken))
            .Select(o => o.WithSafeLinks(store.Value.AllowHttpLinks)).ToList();
        foreach (var order in orders)
        {
            turn.OrdersReferenced.Add(order.Order.OrderNumber);
        }

        return (new OrderList(true, orders.Count == 0 ? "No orders were found for this customer." : null,
            [.. orders.Select(o => OrderPresenter.Summary(o, Texts))]), orders);
    }

    public LocaleTexts Texts => prompts.Texts(turn.Language);

    private async Task<bool> ProvesOneCustomerAsync(AccessGrant grant, CancellationToken cancellationToken) =>
        !grant.RestsOnAnAddress
        || OrderAccessPolicy.ProvesOneCustomer(grant, await shop.FindCustomersAsync(null, grant.Email, grant.Phone, cancellationToken));

    /// <summary>On a channel with forms, sends (once a turn) the form that asks for the number and proof; elsewhere the caller asks in words.</summary>
    private OrderLookup AskForProof(string? orderNumber)
    {
        if (!turn.Channel.Forms)
        {
            return OrderLookup.NeedsProof;
        }

        if (!turn.ProofFormSent)
        {
            turn.Plan.Answer(new ProofFormReply(orderNumber));
            turn.ProofFormSent = true;
        }

        return OrderLookup.ProofFormSent;
    }
}
