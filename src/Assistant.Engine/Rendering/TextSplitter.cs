namespace Assistant.Engine.Rendering;

/// <summary>Splits text to a channel's limit at the gentlest break available: paragraph, line, sentence, word.</summary>
public static class TextSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 20);
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            var cut = BestBreak(rest, maxLength);
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    private static int BestBreak(string text, int maxLength)
    {
        var window = text[..maxLength];
        foreach (var separator in new[] { "\n\n", "\n", ". ", "。", "! ", "? ", " " })
        {
            var at = window.LastIndexOf(separator, StringComparison.Ordinal);
            if (at >= maxLength / 2)
            {
                return at + separator.Length;
            }
        }

        // No break in the second half: cut hard, but never between the halves of a surrogate pair.
        return char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
    }
}
