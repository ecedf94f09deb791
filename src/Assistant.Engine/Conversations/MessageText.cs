using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Assistant.Chatwoot.Webhooks;

namespace Assistant.Engine.Conversations;

/// <summary>
/// A message as transcript text: Chatwoot 4.9–4.12 sent channel-rendered HTML as <c>content</c>, and a message that is
/// only an image, voice note, location or file has <c>content: null</c>. The text says what was sent, without the
/// files' addresses (they are capabilities, not for the model); <see cref="Links"/> keeps those for the Zendesk mirror.
/// </summary>
internal static partial class MessageText
{
    public static string? Compose(string? content, IReadOnlyList<ChatwootAttachment> attachments)
    {
        var parts = new List<string>();
        if (Normalize(content) is { Length: > 0 } text)
        {
            parts.Add(text);
        }

        parts.AddRange(attachments.Select(Describe));
        return parts.Count == 0 ? content : string.Join('\n', parts);
    }

    /// <summary>Plain text from Chatwoot's HTML rendering; other text unchanged.</summary>
    public static string? Normalize(string? content)
    {
        if (content is null || !HtmlBlock().IsMatch(content))
        {
            return content;
        }

        var text = LineBreak().Replace(content, "\n");
        text = BlockEnd().Replace(text, "\n\n");
        text = Tag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        return ExtraBlankLines().Replace(text, "\n\n").Trim();
    }

    public static string Describe(ChatwootAttachment attachment) => attachment.FileType switch
    {
        "location" when attachment is { Latitude: { } lat, Longitude: { } lon } =>
            string.Create(CultureInfo.InvariantCulture, $"[location: {lat:0.#####}, {lon:0.#####}]"),
        "audio" when !string.IsNullOrWhiteSpace(attachment.TranscribedText) => $"[voice message: \"{attachment.TranscribedText.Trim()}\"]",
        "audio" => "[voice message]",
        var type => attachment.FileName is { } name ? $"[{Kind(type)}: {name}]" : $"[{Kind(type)}]",
    };

    /// <summary>One "name: address" line per attachment that has an address (a location gets a map link).</summary>
    public static IReadOnlyList<string> Links(IReadOnlyList<ChatwootAttachment> attachments) =>
        [.. attachments.Select(a => a switch
        {
            { DataUrl: { Length: > 0 } url } => $"{a.FileName ?? Kind(a.FileType)}: {url}",
            { FileType: "location", Latitude: { } lat, Longitude: { } lon } =>
                string.Create(CultureInfo.InvariantCulture, $"location: https://www.openstreetmap.org/?mlat={lat}&mlon={lon}"),
            _ => null,
        }).OfType<string>()];

    private static string Kind(string fileType) => fileType switch
    {
        "image" or "video" or "file" or "location" => fileType,
        "audio" => "voice message",
        _ => "attachment",
    };

    [GeneratedRegex(@"^\s*<(p|div|br|ul|ol|h\d|blockquote|pre)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlBlock();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(p|div|li|h\d|blockquote|pre)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();
}
