using System.Text.RegularExpressions;

namespace Assistant.Bridge;

/// <summary>Zendesk comment text as a chat message: escaped newlines unescaped, separator lines and runs of blank lines removed.</summary>
public static partial class CommentCleaner
{
    public static string Clean(string body)
    {
        var text = body.Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).ReplaceLineEndings("\n");
        text = SeparatorLine().Replace(text, string.Empty);
        text = BlankRuns().Replace(text, "\n\n");
        return text.Trim();
    }

    [GeneratedRegex(@"^[ \t]*([-_=*~]{3,}|[─━]{3,})[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SeparatorLine();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}")]
    private static partial Regex BlankRuns();
}
