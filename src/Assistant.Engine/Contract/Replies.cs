using Assistant.Engine.Store;

namespace Assistant.Engine.Contract;

/// <summary>
/// What a turn shows the customer, before any channel's shape: plugins and the agent add these to the
/// <see cref="TurnPlan"/>, and <c>Rendering/ReplyRenderer</c> turns them into the channel's messages when the plan is
/// stored, so a stored plan replays exactly what was rendered.
/// </summary>
public abstract record Reply;

/// <summary>Words, markdown allowed: kept where the channel renders it, made plain elsewhere, split at its limit.</summary>
public sealed record TextReply(string Text) : Reply;

/// <summary>An order: a card with its links where the channel has cards, its summary as text elsewhere.</summary>
/// <param name="ImageUrl">A picture of one of its items, for the card.</param>
public sealed record OrderReply(OrderView Order, string? ImageUrl) : Reply
{
    /// <summary>The order with the first picture its items have.</summary>
    public static OrderReply Of(OrderView order, ShopOrderDetails details) =>
        new(order, details.Items.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.ImageUrl))?.ImageUrl);
}

/// <summary>Where an order's parcels are: each shipment's carrier, status and latest event, after the order's card where the channel has cards.</summary>
public sealed record TrackingReply(OrderReply Order) : Reply;

/// <summary>Products: cards, a list to pick from, or a numbered list, as the channel allows.</summary>
public sealed record ProductsReply(IReadOnlyList<ProductOffer> Products) : Reply;

/// <summary>A product with its availability in the customer's words ("Only 2 left").</summary>
public sealed record ProductOffer(ProductRow Product, string Availability);

/// <summary>A help article to read more: an article message on the widget, its title and link elsewhere.</summary>
public sealed record ArticleReply(string Title, string? FirstPassage, string Link) : Reply;

/// <summary>A question with choices: buttons or a list where the channel has them, a numbered list elsewhere.</summary>
public sealed record ChoicesReply(string Question, IReadOnlyList<ReplyChoice> Choices) : Reply;

/// <summary>A choice: what the customer reads, and what comes back when they pick it.</summary>
public sealed record ReplyChoice(string Title, string Value);

/// <summary>The form an unverified customer fills in to read an order (channels with forms only; elsewhere its question).</summary>
/// <param name="OrderNumber">The number to fill in, when the customer gave one.</param>
public sealed record ProofFormReply(string? OrderNumber) : Reply;
