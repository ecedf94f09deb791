namespace Assistant.Engine.Search;

/// <summary>
/// Chinese is written without spaces, so neither full-text search nor trigram words find "围巾" in "什么围巾适合送礼".
/// Every two-character run of Han characters is looked for instead: most Chinese words are two characters long.
/// </summary>
internal static class ChineseText
{
    public static string[] Bigrams(string text)
    {
        var bigrams = new List<string>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (IsHan(text[i]) && IsHan(text[i + 1]))
            {
                bigrams.Add(text.Substring(i, 2));
            }
        }

        return [.. bigrams.Distinct()];
    }

    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF');
}
