using System.Text.RegularExpressions;
using Assistant.Chatwoot.Api;

namespace Assistant.Chatwoot.Channels;

/// <summary>Plain answers as a channel should receive them: markdown kept only where it renders, split at the channel's limit.</summary>
public static partial class ChannelText
{
    public static IReadOnlyList<OutgoingMessage> Messages(string text, ChannelProfile channel, long? inReplyTo) =>
        [.. TextSplitter.Split(channel.Markdown ? text : StripMarkdown(text), channel.MaxLength).Select(part => OutgoingMessage.Text(part, inReplyTo))];

    /// <summary>Channels that show markdown literally get the words without the marks.</summary>
    public static string StripMarkdown(string text) => MarkdownMarks().Replace(text, string.Empty);

    [GeneratedRegex(@"(\*\*|__|`)")]
    private static partial Regex MarkdownMarks();
}
