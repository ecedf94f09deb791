using System.Text;
using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Channels;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Assistant.Plugins.Knowledge;
using Assistant.Plugins.Orders;

namespace Assistant.Plugins.Replies;

/// <summary>
/// The one place that decides what a channel is sent: an order card on the widget, text elsewhere; choices where
/// the channel turns them into buttons, a numbered list where it does not; every rich message with a text fallback;
/// long text split at the channel's limit.
/// </summary>
public static class ReplyRenderer
{
    private const int CardItemsShown = 2;

    public static IReadOnlyList<OutgoingMessage> Text(string text, ChannelProfile channel, long? inReplyTo) =>
        ChannelText.Messages(text, channel, inReplyTo);

    public static IReadOnlyList<OutgoingMessage> Order(OrderView order, ShopOrderDetails details, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var text = OrderText(order, texts);
        if (!channel.Cards)
        {
            return Text(channel.Markdown ? OrderMarkdown(order, texts) : text, channel, inReplyTo);
        }

        var items = details.Items.Take(CardItemsShown).Select(i => texts.Get("card.item", ("quantity", i.Quantity), ("name", i.Name))).ToList();
        if (details.Items.Count > CardItemsShown)
        {
            items.Add(texts.Get("card.more_items", ("count", details.Items.Count - CardItemsShown)));
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
            details.Items.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.ImageUrl))?.ImageUrl,
            actions);
        return [OutgoingMessage.Cards(text.Length <= channel.MaxLength ? text : TextSplitter.Split(text, channel.MaxLength)[0], [card], inReplyTo)];
    }

    /// <summary>
    /// Products as cards with a "view product" link on the widget; as a list the customer picks from where the
    /// channel turns choices into buttons; as a numbered list elsewhere.
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Products(
        IReadOnlyList<(ProductRow Product, string Availability)> products, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var text = ProductsText(products, texts);
        if (channel.Cards && products.All(p => p.Product.Url is not null))
        {
            var cards = products.Select(p => new CardItem(
                p.Product.Name,
                texts.Get("product.price_stock", ("price", texts.Money(p.Product.Price, p.Product.Currency)), ("stock", p.Availability)),
                p.Product.ImageUrl,
                [CardAction.Link(texts["product.view"], p.Product.Url!)])).ToList();
            return [OutgoingMessage.Cards(text.Length <= channel.MaxLength ? text : TextSplitter.Split(text, channel.MaxLength)[0], cards, inReplyTo)];
        }

        if (channel.Markdown)
        {
            text = ProductsMarkdown(products, texts);
        }

        if (channel.Choices && products.Count > 1)
        {
            // The text carries price and stock; the choices only name the product. A choice comes back as its
            // title (WhatsApp, Messenger) or its value (Telegram, LINE), so both read well as the customer's words.
            return Choices(text + "\n\n" + texts["product.choose"],
                [.. products.Select(p => (Shorten(p.Product.Name, ChoiceTitleLength), $"{p.Product.Name} ({p.Product.Sku})"))], channel, inReplyTo);
        }

        return Text(text, channel, inReplyTo);
    }

    /// <summary>A help article: Chatwoot's article message on the widget, its title and link as text elsewhere.</summary>
    public static IReadOnlyList<OutgoingMessage> Article(StoredArticle article, string link, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var text = texts.Get("article.link", ("title", article.Title), ("link", link));
        if (!channel.Cards)
        {
            return Text(text, channel, inReplyTo);
        }

        var snippet = article.FirstPassage is { Length: > ArticleSnippetLength } passage ? passage[..(ArticleSnippetLength - 1)].TrimEnd() + "…" : article.FirstPassage;
        return [OutgoingMessage.Articles(text, [new ArticleItem(article.Title, snippet, link)], inReplyTo)];
    }

    private const int ArticleSnippetLength = 140;

    /// <summary>The products as a numbered list: the fallback of the cards, and all a text channel sees.</summary>
    public static string ProductsText(IReadOnlyList<(ProductRow Product, string Availability)> products, LocaleTexts texts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < products.Count; i++)
        {
            var (product, availability) = products[i];
            text.AppendLine(texts.Get("product.line", ("number", i + 1), ("name", product.Name),
                ("price", texts.Money(product.Price, product.Currency)), ("stock", availability)));
            if (product.Url is { } url)
            {
                text.AppendLine(texts.Get("product.link", ("link", url)));
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The products as a numbered markdown list, each name bold and linked to its page.</summary>
    public static string ProductsMarkdown(IReadOnlyList<(ProductRow Product, string Availability)> products, LocaleTexts texts) =>
        string.Join('\n', products.Select((p, i) => texts.Get("product.line", ("number", i + 1), ("name", MarkdownText.BoldLink(p.Product.Name, p.Product.Url)),
            ("price", texts.Money(p.Product.Price, p.Product.Currency)), ("stock", p.Availability))));

    // WhatsApp cuts list rows at 24 characters and buttons at 20; Chatwoot passes titles on unchecked.
    private const int ChoiceTitleLength = 20;

    private static string Shorten(string title, int length) => title.Length <= length ? title : title[..(length - 1)].TrimEnd() + "…";

    public static IReadOnlyList<OutgoingMessage> Choices(string question, IReadOnlyList<(string Title, string Value)> choices, ChannelProfile channel, long? inReplyTo)
    {
        if (channel.Choices)
        {
            return [OutgoingMessage.Select(question, [.. choices.Select(c => new SelectItem(c.Title, c.Value))], inReplyTo)];
        }

        var text = new StringBuilder(question);
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(choices[i].Title);
        }

        return Text(text.ToString(), channel, inReplyTo);
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
