using System.Globalization;
using System.Text;

namespace Assistant.Engine.Search;

/// <summary>
/// The words a question is searched by, folded so that a customer's spelling matches the text's: lower case, accents
/// removed ("hoàn trả" and "hoan tra" match), words that any question has (how, what, tôi, 什么) dropped, and a short
/// stem for longer words so "returns" finds "returned". Chinese is searched by its two-character runs.
/// </summary>
public static class SearchTerms
{
    /// <summary>
    /// How many words, and how many Chinese runs, a search looks for: a pasted page must not turn one search into a
    /// comparison of every word with every product.
    /// </summary>
    public const int MaxTerms = 16;

    /// <summary>Longer "words" are not words (a token, a URL, a pasted blob), and an edit distance over them costs the most.</summary>
    public const int MaxWordLength = 40;

    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "at", "be", "can", "could", "did", "do", "does", "for", "from", "have", "how", "i", "if",
        "in", "is", "it", "me", "my", "of", "on", "or", "please", "so", "that", "the", "there", "this", "to", "we", "what",
        "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "hi", "hello",
        "ban", "bao", "cac", "cho", "co", "cua", "duoc", "gi", "khong", "la", "lam", "minh", "nao", "nhu", "sao",
        "thi", "toi", "va", "voi", "xin", "chao", "oi", "em", "anh", "chi", "nhieu", "vay",
        // Words that name a policy without saying which: "return policy" is about returns.
        "policy", "policies", "rule", "rules", "terms", "chinh", "sach", "quy", "dinh",
    };

    /// <summary>Longest first, so that 为什么 goes before 什么 does.</summary>
    private static readonly string[] CommonChinese =
    [
        "为什么", "什么时候", "什么", "怎么样", "怎么", "如何", "我的", "可以", "请问", "你们", "我们", "是否", "一下", "时候",
        "有没有", "卖不卖", "想买", "要买", "推荐", "政策", "规定",
        "吗", "呢", "吧", "的", "了", "是", "我", "你", "有", "卖",
    ];

    /// <summary>
    /// Lower case without accents; đ becomes d; compatibility forms become the plain characters they stand for, so
    /// the full-width letters and digits a Chinese keyboard types ("ＸＬ", "１０４２"), ligatures and superscripts match
    /// what the text spells out.
    /// </summary>
    /// <remarks>A change here changes the words the indexes hold: a migration then marks them to be rewritten (0028).</remarks>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD).ToLowerInvariant().Replace('đ', 'd');
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The folded words of a text, each once, in order.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. SplitWords(Fold(text)).Distinct()];

    /// <summary>The words a search may compare: each once, none longer than <see cref="MaxWordLength"/>, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> SearchableWords(string text) =>
        [.. SplitWords(Fold(text)).Where(w => w.Length <= MaxWordLength).Distinct().Take(MaxTerms)];

    /// <summary>A text's Chinese two-character runs, at most <see cref="MaxTerms"/>.</summary>
    public static string[] SearchableBigrams(string text) => [.. ChineseText.Bigrams(text).Take(MaxTerms)];

    /// <summary>Marks a Chinese two-character run among an index's words; no word starts with it, words being letters and digits.</summary>
    public const string RunMark = "~";

    /// <summary>
    /// What an index keeps of a text: each folded word a search may compare (as <see cref="SearchableWords"/> cuts them,
    /// but all of them), and each Chinese two-character run marked with <see cref="RunMark"/>.
    /// </summary>
    public static IReadOnlyList<string> IndexWords(string text)
    {
        var folded = Fold(text);
        return [.. SplitWords(folded).Where(w => w.Length <= MaxWordLength).Distinct(), .. ChineseText.Bigrams(folded).Select(b => RunMark + b)];
    }

    /// <summary>What to search for: the question's uncommon words with their stems, and its Chinese two-character runs.</summary>
    public static IReadOnlyList<SearchTerm> Of(string question)
    {
        var words = SplitWords(Fold(question))
            .Where(w => !Common.Contains(w) && !w.Any(IsHan) && (w.Length > 1 || char.IsDigit(w[0])) && w.Length <= MaxWordLength)
            .Distinct()
            .Take(MaxTerms)
            .Select(w => new SearchTerm(w, w.Length >= 5 ? w[..Math.Max(4, w.Length - 2)] : null, Substring: false));
        // Common words are cut out before pairing, so "怎么退货" gives 退货 and not the stray pair 么退.
        var chinese = CommonChinese.Aggregate(question, (text, word) => text.Replace(word, " ", StringComparison.Ordinal));
        var bigrams = SearchableBigrams(chinese).Select(b => new SearchTerm(b, null, Substring: true));
        return [.. words, .. bigrams];
    }

    /// <summary>How many of the terms a text has, matched as the search matches them.</summary>
    public static int Matched(IReadOnlyList<SearchTerm> terms, string text)
    {
        var folded = Fold(text);
        var words = SplitWords(folded).ToHashSet(StringComparer.Ordinal);
        return terms.Count(t => t.Substring ? folded.Contains(t.Term, StringComparison.Ordinal)
            : t.Stem is null ? words.Contains(t.Term)
            : words.Any(w => w.StartsWith(t.Stem, StringComparison.Ordinal)));
    }

    private static IEnumerable<string> SplitWords(string folded)
    {
        var word = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool IsHan(char c) => ChineseText.IsHan(c);
}

/// <param name="Stem">For longer words, the prefix other forms of the word share; null to match the word only.</param>
/// <param name="Substring">Matched anywhere in the text (Chinese runs) rather than as a word.</param>
public sealed record SearchTerm(string Term, string? Stem, bool Substring);
