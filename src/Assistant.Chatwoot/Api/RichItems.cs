using System.Text.Json.Serialization;

namespace Assistant.Chatwoot.Api;

// Item shapes accepted by Chatwoot's ContentAttributeValidator; any other key is rejected with 422.

/// <summary>An <c>input_select</c> option.</summary>
public sealed record SelectItem(string Title, string Value);

/// <summary>A card; Chatwoot requires every card to carry actions.</summary>
public sealed record CardItem(string Title, string? Description, string? MediaUrl, IReadOnlyList<CardAction> Actions);

/// <summary>A card button: <c>link</c> opens <see cref="Uri"/>, <c>postback</c> posts <see cref="Payload"/> to the host page only.</summary>
public sealed record CardAction(string Text, string Type, string? Payload = null, string? Uri = null)
{
    public static CardAction Link(string text, string uri) => new(text, "link", Uri: uri);
}

/// <summary>A form field; the widget renders <c>text</c>, <c>text_area</c>, <c>email</c> and <c>select</c>.</summary>
public sealed record FormField(
    string Name,
    string Label,
    string Type,
    string? Placeholder = null,
    bool? Required = null,
    string? Pattern = null,
    string? PatternError = null,
    [property: JsonPropertyName("default")] string? DefaultValue = null,
    IReadOnlyList<FormOption>? Options = null);

public sealed record FormOption(string Label, string Value);

/// <summary>An <c>article</c> link.</summary>
public sealed record ArticleItem(string Title, string? Description, string Link);
