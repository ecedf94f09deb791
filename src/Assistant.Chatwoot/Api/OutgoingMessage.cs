using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Chatwoot.Api;

/// <summary>
/// A message the bot sends. Every rich message keeps a text <see cref="Content"/>: it is what channels that cannot
/// render the rich form show, and what lands in email transcripts and notifications.
/// </summary>
public sealed record OutgoingMessage(string Content, string ContentType, bool Private, JsonObject? ContentAttributes, string MessageType = "outgoing")
{
    /// <summary>An approved WhatsApp template (<c>template_params</c>: name, category, language, processed_params), for after the 24-hour window.</summary>
    public JsonObject? TemplateParams { get; init; }

    /// <summary>An approved WhatsApp template; <paramref name="content"/> is what it says, for the transcript.</summary>
    public static OutgoingMessage Template(string content, string name, string category, string language, JsonObject parameters) =>
        new(Require(content), "text", false, null)
        {
            TemplateParams = new JsonObject { ["name"] = name, ["category"] = category, ["language"] = language, ["processed_params"] = parameters },
        };

    public static OutgoingMessage Text(string content, long? inReplyTo = null) =>
        new(Require(content), "text", false, Attributes(inReplyTo));

    /// <summary>A message from the customer: Chatwoot accepts these only in API inboxes.</summary>
    public static OutgoingMessage Incoming(string content) => new(Require(content), "text", false, null, "incoming");

    /// <summary>A private note: only agents see it; it is never sent to the channel.</summary>
    public static OutgoingMessage PrivateNote(string content) => new(Require(content), "text", true, null);

    public static OutgoingMessage Select(string content, IReadOnlyList<SelectItem> items, long? inReplyTo = null) =>
        new(Require(content), "input_select", false, Attributes(inReplyTo, Items(items, ChatwootJsonContext.Default.IReadOnlyListSelectItem)));

    public static OutgoingMessage Cards(string content, IReadOnlyList<CardItem> cards, long? inReplyTo = null)
    {
        if (cards.Any(c => c.Actions.Count == 0))
        {
            throw new ArgumentException("Chatwoot rejects a card without actions.", nameof(cards));
        }

        return new(Require(content), "cards", false, Attributes(inReplyTo, Items(cards, ChatwootJsonContext.Default.IReadOnlyListCardItem)));
    }

    public static OutgoingMessage Form(string content, IReadOnlyList<FormField> fields, string? buttonLabel = null, long? inReplyTo = null)
    {
        var attributes = Attributes(inReplyTo, Items(fields, ChatwootJsonContext.Default.IReadOnlyListFormField));
        if (buttonLabel is not null)
        {
            attributes["button_label"] = buttonLabel;
        }

        return new(Require(content), "form", false, attributes);
    }

    /// <summary>Chatwoot's CSAT survey: a rating on the widget; elsewhere Chatwoot adds the survey page's link to the text.</summary>
    public static OutgoingMessage Csat(string content) => new(Require(content), "input_csat", false, null);

    public static OutgoingMessage Articles(string content, IReadOnlyList<ArticleItem> articles, long? inReplyTo = null) =>
        new(Require(content), "article", false, Attributes(inReplyTo, Items(articles, ChatwootJsonContext.Default.IReadOnlyListArticleItem)));

    private static string Require(string content) =>
        string.IsNullOrWhiteSpace(content) ? throw new ArgumentException("A message needs text content.", nameof(content)) : content;

    private static JsonNode Items<T>(IReadOnlyList<T> items, System.Text.Json.Serialization.Metadata.JsonTypeInfo<IReadOnlyList<T>> typeInfo)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("A rich message needs at least one item.", nameof(items));
        }

        return JsonSerializer.SerializeToNode(items, typeInfo)!;
    }

    private static JsonObject Attributes(long? inReplyTo, JsonNode? items = null)
    {
        var attributes = new JsonObject();
        if (items is not null)
        {
            attributes["items"] = items;
        }

        if (inReplyTo is not null)
        {
            attributes["in_reply_to"] = inReplyTo;
        }

        return attributes;
    }
}
