using System.Text;

namespace Assistant.Engine.Rendering;

/// <summary>
/// Summaries for channels that render markdown (the widget, email, Telegram): a bold heading over a list. A list
/// rather than plain lines, because a markdown renderer joins consecutive lines into one paragraph.
/// </summary>
public static class MarkdownText
{
    /// <summary>A bold heading, then each line as a list item (a leading "• " of the plain template is dropped).</summary>
    public static string Section(string heading, IEnumerable<string> lines)
    {
        var text = new StringBuilder("**").Append(Escape(heading)).Append("**");
        var first = true;
        foreach (var line in lines)
        {
            text.Append(first ? "\n\n- " : "\n- ").Append(line.StartsWith("• ", StringComparison.Ordinal) ? line[2..] : line);
            first = false;
        }

        return text.ToString();
    }

    /// <summary>Bold text that links where a link is known.</summary>
    public static string BoldLink(string text, string? url) =>
        url is null ? $"**{Escape(text)}**" : $"**[{Escape(text)}]({url.Replace(")", "%29", StringComparison.Ordinal)})**";

    /// <summary>Characters that would start markdown inside a product or item name are shown as themselves.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '_' or '[' or ']' or '`' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
