using System.Text.RegularExpressions;
using Assistant.Chatwoot.Api;

namespace Assistant.Engine.Rendering;

/// <summary>Plain answers as a channel should receive them: markdown kept only where it renders, split at the channel's limit.</summary>
public static partial class ChannelText
{
    public static IReadOnlyList<OutgoingMessage> Messages(string text, ChannelProfile channel, long? inReplyTo) =>
        [.. TextSplitter.Split(channel.Markdown ? text : StripMarkdown(text), channel.MaxLength).Select(part => OutgoingMessage.Text(part, inReplyTo))];

    /// <summary>
    /// What a channel that shows markdown literally (WhatsApp, SMS) gets instead: links as "text: address", headings,
    /// emphasis, code and quotes as their words, bullet lists with a bullet; nothing a model may write stays a mark.
    /// </summary>
    public static string StripMarkdown(string text)
    {
        var plain = FencedCode().Replace(text, m => m.Groups["code"].Value.TrimEnd('\n'));
        plain = Link().Replace(plain, m => Linked(m.Groups["text"].Value, m.Groups["url"].Value));
        plain = Heading().Replace(plain, string.Empty);
        plain = Quote().Replace(plain, string.Empty);
        plain = Rule().Replace(plain, string.Empty);
        plain = Bullet().Replace(plain, "${indent}• ");
        plain = Strong().Replace(plain, "${text}");
        plain = Emphasis().Replace(plain, "${text}");
        plain = InlineCode().Replace(plain, "${text}");
        return Escaped().Replace(plain, "${mark}");
    }

    private static string Linked(string text, string url)
    {
        var words = text.Trim();
        return words.Length == 0 || words == url || $"<{url}>" == words ? url : $"{words}: {url}";
    }

    [GeneratedRegex(@"```[^\n]*\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    // [text](url) and ![alt](url); the address may hold parentheses of its own one level deep.
    [GeneratedRegex(@"!?\[(?<text>[^\]\n]*)\]\((?<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[ \t]{0,3}#{1,6}[ \t]+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[ \t]{0,3}>[ \t]?", RegexOptions.Multiline)]
    private static partial Regex Quote();

    [GeneratedRegex(@"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$\n?", RegexOptions.Multiline)]
    private static partial Regex Rule();

    [GeneratedRegex(@"^(?<indent>[ \t]*)[-*+][ \t]+", RegexOptions.Multiline)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(?<text>.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    // Single marks only around words, so snake_case names and multiplications keep theirs.
    [GeneratedRegex(@"(?<![\w*_\\])([*_])(?=\S)(?<text>[^*_\n]+?)(?<=\S)\1(?![\w*_])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`(?<text>[^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\\(?<mark>[\\`*_\[\]#>\-])")]
    private static partial Regex Escaped();
}
