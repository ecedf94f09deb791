using System.Globalization;
using System.Text;

namespace Assistant.Engine.Prompts;

/// <summary>Makes text a customer chose safe to place inside a system prompt.</summary>
public static class PromptText
{
    /// <summary>How much of a contact's name is shown to the model and in the team's handoff note.</summary>
    public const int MaxNameLength = 40;

    /// <summary>
    /// The text on one line, without control or format characters, quotes, braces or angle brackets, at most
    /// <paramref name="maxLength"/> characters, in double quotes: data the model reads as a name, not as instructions.
    /// </summary>
    public static string? Quote(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Format)
            {
                // Zero-width and direction marks: invisible, and able to disguise what the text says.
                continue;
            }

            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }
            }
            else if (!(rune.IsAscii && "\"'`{}<>[]\\".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                kept.Append(rune.ToString());
            }
        }

        var clean = kept.ToString().Trim();
        if (clean.Length == 0)
        {
            return null;
        }

        if (clean.Length > maxLength)
        {
            var cut = char.IsHighSurrogate(clean[maxLength - 1]) ? maxLength - 1 : maxLength;
            clean = clean[..cut].TrimEnd() + "…";
        }

        return $"\"{clean}\"";
    }
}
