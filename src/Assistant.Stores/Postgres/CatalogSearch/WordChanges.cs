using Assistant.Engine.Search;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>A product gaining (<paramref name="Present"/>) or losing a word: a pending change to the word's posting list.</summary>
internal sealed record WordChange(string Word, long ProductId, bool Present);

/// <summary>What rewriting products changes in the index: the words each gained or lost, nothing for the words it kept.</summary>
internal static class WordChanges
{
    /// <param name="ids">The products rewritten or removed.</param>
    /// <param name="before">Their words in the index; a product new to it has none.</param>
    /// <param name="after">Their words now; a product removed has none.</param>
    public static List<WordChange> Between(
        IEnumerable<long> ids, IReadOnlyDictionary<long, string[]> before, IReadOnlyDictionary<long, IReadOnlyList<string>> after)
    {
        List<WordChange> changes = [];
        foreach (var id in ids)
        {
            var had = new HashSet<string>(before.GetValueOrDefault(id) ?? [], StringComparer.Ordinal);
            var has = new HashSet<string>(after.GetValueOrDefault(id) ?? [], StringComparer.Ordinal);
            changes.AddRange(had.Where(w => !has.Contains(w)).Select(w => new WordChange(w, id, Present: false)));
            changes.AddRange(has.Where(w => !had.Contains(w)).Select(w => new WordChange(w, id, Present: true)));
        }

        return changes;
    }

    /// <summary>
    /// How many more (or fewer) products have each word of the vocabulary: the words, not the Chinese runs, which are
    /// matched as written and need no entry there.
    /// </summary>
    public static Dictionary<string, int> VocabularyCounts(IEnumerable<WordChange> changes) =>
        changes.Where(c => !c.Word.StartsWith(SearchTerms.RunMark, StringComparison.Ordinal))
            .GroupBy(c => c.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Present ? 1 : -1), StringComparer.Ordinal);
}
