using System.Text;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;

namespace Assistant.Engine.Rendering;

public static partial class ReplyRenderer
{
    private const int CardItemsShown = 2;

    public static IReadOnlyList<OutgoingMessage> Order(OrderReply reply, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var order = reply.Order;
        var text = OrderText(order, texts);
        if (!channel.Cards)
        {
            return Text(channel.Markdown ? OrderMarkdown(order, texts) : text, channel, inReplyTo);
        }

        var items = order.Items.Take(CardItemsShown).Select(i => texts.Get("card.item", ("quantity", i.Quantity), ("name", i.Name))).ToList();
        if (order.Items.Count > CardItemsShown)
        {
            items.Add(texts.Get("card.more_items", ("count", order.Items.Count - CardItemsShown)));
        }

        var actions = new List<CardAction>();
        if (order.Link is { } link)
        {
            actions.Add(CardAction.Link(texts["card.view_order"], link));
        }

        if (order.Shipments.FirstOrDefault(s => s.TrackingUrl is not null)?.TrackingUrl is { } tracking)
        {
            actions.Add(CardAction.Link(texts["card.track"], tracking));
        }

        if (actions.Count == 0)
        {
            // Chatwoot rejects a card without actions, and without a link a card adds nothing over text.
            return Text(channel.Markdown ? OrderMarkdown(order, texts) : text, channel, inReplyTo);
        }

        var card = new CardItem(
            texts.Get("card.title", ("number", order.OrderNumber), ("status", order.StatusText)),
            texts.Get("card.summary", ("items", string.Join(", ", items)), ("total", order.Total)),
            reply.ImageUrl,
            actions);
        return [OutgoingMessage.Cards(Fallback(text, channel), [card], inReplyTo)];
    }

    /// <summary>The order's shipments in words; the widget also gets the order's card, whose button opens the carrier's tracking page.</summary>
    public static IReadOnlyList<OutgoingMessage> Tracking(OrderReply reply, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var order = reply.Order;
        var shipments = order.Shipments.Count == 0
            ? texts.Get("shipment.none", ("number", order.OrderNumber))
            : texts.Get("order.heading", ("number", order.OrderNumber), ("status", order.StatusText)) + "\n"
                + string.Join("\n\n", order.Shipments.Select(s => ShipmentText(s, texts)));
        return [.. channel.Cards ? Order(reply, channel, texts, inReplyTo) : [], .. Text(shipments, channel, inReplyTo)];
    }

    /// <summary>The order as text: the fallback of the card, and all other channels see.</summary>
    public static string OrderText(OrderView order, LocaleTexts texts)
    {
        var text = new StringBuilder()
            .AppendLine(texts.Get("order.heading", ("number", order.OrderNumber), ("status", order.StatusText)))
            .AppendLine(texts.Get("order.placed", ("date", texts.Date(order.PlacedAt)), ("total", order.Total)));
        foreach (var item in order.Items)
        {
            text.AppendLine(texts.Get("order.item", ("quantity", item.Quantity), ("name", item.Name), ("price", item.UnitPrice)));
        }

        foreach (var shipment in order.Shipments)
        {
            text.AppendLine(ShipmentText(shipment, texts));
        }

        if (order.Link is { } link)
        {
            text.AppendLine(texts.Get("order.link", ("link", link)));
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The order for a markdown channel: a bold heading and a list per order and shipment.</summary>
    public static string OrderMarkdown(OrderView order, LocaleTexts texts)
    {
        var lines = new List<string> { texts.Get("order.placed", ("date", texts.Date(order.PlacedAt)), ("total", order.Total)) };
        lines.AddRange(order.Items.Select(i => MarkdownText.Escape(texts.Get("order.item", ("quantity", i.Quantity), ("name", i.Name), ("price", i.UnitPrice)))));
        var sections = new List<string> { MarkdownText.Section(texts.Get("order.heading", ("number", order.OrderNumber), ("status", order.StatusText)), lines) };
        sections.AddRange(order.Shipments.Select(s => ShipmentText(s, texts).Split('\n')).Select(s => MarkdownText.Section(s[0], s[1..])));
        if (order.Link is { } link)
        {
            sections.Add(texts.Get("order.link", ("link", link)));
        }

        return string.Join("\n\n", sections);
    }

    public static string ShipmentText(ShipmentView shipment, LocaleTexts texts)
    {
        var text = new StringBuilder(texts.Get("shipment.line", ("carrier", shipment.Carrier), ("tracking", shipment.TrackingNumber), ("status", shipment.StatusText)));
        if (shipment.DeliveredAt is { } delivered)
        {
            text.Append('\n').Append(texts.Get("shipment.delivered", ("date", texts.Date(delivered))));
        }
        else if (shipment.EstimatedDelivery is { } eta)
        {
            text.Append('\n').Append(texts.Get("shipment.eta", ("date", texts.Date(eta))));
        }

        if (shipment.Events.LastOrDefault() is { } latest)
        {
            text.Append('\n').Append(texts.Get("shipment.event", ("date", texts.Date(latest.At)), ("location", latest.Location ?? "-"), ("description", latest.Description)));
        }

        if (shipment.TrackingUrl is { } url)
        {
            text.Append('\n').Append(texts.Get("shipment.tracking_link", ("link", url)));
        }

        return text.ToString();
    }
}
