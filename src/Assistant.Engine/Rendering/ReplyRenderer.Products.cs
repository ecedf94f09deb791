using System.Text;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;

namespace Assistant.Engine.Rendering;

public static partial class ReplyRenderer
{
    /// <summary>
    /// Products as cards with a "view product" link on the widget; as a list the customer picks from where the
    /// channel turns choices into buttons; as a numbered list elsewhere.
    /// </summary>
    public static IReadOnlyList<OutgoingMessage> Products(IReadOnlyList<ProductOffer> products, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var text = ProductsText(products, texts);
        if (channel.Cards && products.All(p => p.Product.Url is not null))
        {
            var cards = products.Select(p => new CardItem(
                p.Product.Name,
                texts.Get("product.price_stock", ("price", texts.Money(p.Product.Price, p.Product.Currency)), ("stock", p.Availability)),
                p.Product.ImageUrl,
                [CardAction.Link(texts["product.view"], p.Product.Url!)])).ToList();
            return [OutgoingMessage.Cards(Fallback(text, channel), cards, inReplyTo)];
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
                [.. products.Select(p => new ReplyChoice(Shorten(p.Product.Name, ChoiceTitleLength), $"{p.Product.Name} ({p.Product.Sku})"))], channel, inReplyTo);
        }

        return Text(text, channel, inReplyTo);
    }

    /// <summary>The products as a numbered list: the fallback of the cards, and all a text channel sees.</summary>
    public static string ProductsText(IReadOnlyList<ProductOffer> products, LocaleTexts texts)
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
    public static string ProductsMarkdown(IReadOnlyList<ProductOffer> products, LocaleTexts texts) =>
        string.Join('\n', products.Select((p, i) => texts.Get("product.line", ("number", i + 1), ("name", MarkdownText.BoldLink(p.Product.Name, p.Product.Url)),
            ("price", texts.Money(p.Product.Price, p.Product.Currency)), ("stock", p.Availability))));
}
