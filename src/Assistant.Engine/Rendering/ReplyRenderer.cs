using System.Text;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;

namespace Assistant.Engine.Rendering;

/// <summary>
/// The one place that decides what a channel is sent: an order card on the widget, text elsewhere; choices where
/// the channel turns them into buttons, a numbered list where it does not; every rich message with a text fallback;
/// long text split at the channel's limit. Runs when the turn's plan is stored, on the <see cref="Reply"/> intents
/// the agent and the plugins added to it.
/// </summary>
public static partial class ReplyRenderer
{
    /// <summary>A turn's replies as the messages its conversation's channel gets, in the customer's language.</summary>
    public static IReadOnlyList<OutgoingMessage> Render(IEnumerable<Reply> replies, TurnContext turn, PromptSet prompts) =>
        [.. replies.SelectMany(r => Render(r, turn.Channel, prompts.Locales.For(turn.Language), turn.InReplyTo))];

    public static IReadOnlyList<OutgoingMessage> Render(Reply reply, ChannelProfile channel, LocaleTexts texts, long? inReplyTo) => reply switch
    {
        TextReply text => Text(text.Text, channel, inReplyTo),
        OrderReply order => Order(order, channel, texts, inReplyTo),
        TrackingReply tracking => Tracking(tracking.Order, channel, texts, inReplyTo),
        ProductsReply products => Products(products.Products, channel, texts, inReplyTo),
        ArticleReply article => Article(article, channel, texts, inReplyTo),
        ChoicesReply choices => Choices(choices.Question, choices.Choices, channel, inReplyTo),
        ProofFormReply proof => channel.Forms ? [ProofForm.Build(texts, proof.OrderNumber, inReplyTo)] : Text(texts["lookup.needs_proof"], channel, inReplyTo),
        _ => throw new ArgumentException($"No rendering for {reply.GetType().Name}.", nameof(reply)),
    };

    public static IReadOnlyList<OutgoingMessage> Text(string text, ChannelProfile channel, long? inReplyTo) =>
        ChannelText.Messages(text, channel, inReplyTo);

    /// <summary>A help article: Chatwoot's article message on the widget, its title and link as text elsewhere.</summary>
    public static IReadOnlyList<OutgoingMessage> Article(ArticleReply article, ChannelProfile channel, LocaleTexts texts, long? inReplyTo)
    {
        var text = texts.Get("article.link", ("title", article.Title), ("link", article.Link));
        if (!channel.Cards)
        {
            return Text(text, channel, inReplyTo);
        }

        var snippet = article.FirstPassage is { Length: > ArticleSnippetLength } passage ? passage[..(ArticleSnippetLength - 1)].TrimEnd() + "…" : article.FirstPassage;
        return [OutgoingMessage.Articles(text, [new ArticleItem(article.Title, snippet, article.Link)], inReplyTo)];
    }

    private const int ArticleSnippetLength = 140;

    // WhatsApp cuts list rows at 24 characters and buttons at 20; Chatwoot passes titles on unchecked.
    private const int ChoiceTitleLength = 20;

    private static string Shorten(string title, int length) => title.Length <= length ? title : title[..(length - 1)].TrimEnd() + "…";

    /// <summary>A choice's title as every channel can show it (WhatsApp's 20 characters).</summary>
    public static string ChoiceTitle(string title) => Shorten(title, ChoiceTitleLength);

    public static IReadOnlyList<OutgoingMessage> Choices(string question, IReadOnlyList<ReplyChoice> choices, ChannelProfile channel, long? inReplyTo)
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

    /// <summary>Text with a rich message: whole when it fits the channel, else its first part (the rich message carries the rest).</summary>
    private static string Fallback(string text, ChannelProfile channel) =>
        text.Length <= channel.MaxLength ? text : TextSplitter.Split(text, channel.MaxLength)[0];
}
