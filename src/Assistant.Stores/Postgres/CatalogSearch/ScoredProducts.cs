using System.Buffers.Binary;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// Products in ascending id order, each with a score: a word's posting list (every product the same score), or the
/// merge of several. Merging walks the lists side by side, so scoring a query costs the length of its words' lists,
/// whatever the catalog's size.
/// </summary>
internal sealed class ScoredProducts
{
    private readonly long[] _ids;
    private readonly int[]? _scores;
    private readonly int _score;

    private ScoredProducts(long[] ids, int[]? scores, int score, int count)
    {
        _ids = ids;
        _scores = scores;
        _score = score;
        Count = count;
    }

    public int Count { get; }

    public static ScoredProducts Empty { get; } = new([], [], 0, 0);

    /// <summary>A word's products, ascending and distinct, all scoring <paramref name="score"/>.</summary>
    public static ScoredProducts Posting(long[] ids, int score) => new(ids, null, score, ids.Length);

    /// <summary>A word's posting list as stored (<c>catalog_postings.products</c>: 8 bytes big-endian per id).</summary>
    public static ScoredProducts Stored(ReadOnlySpan<byte> list, int score)
    {
        var ids = new long[list.Length / sizeof(long)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadInt64BigEndian(list.Slice(i * sizeof(long), sizeof(long)));
        }

        return Posting(ids, score);
    }

    public long Id(int index) => _ids[index];

    public int Score(int index) => _scores?[index] ?? _score;

    /// <summary>For a term's words: a product having several scores by the best of them.</summary>
    public static ScoredProducts Best(IReadOnlyList<ScoredProducts> lists) => Merge(lists, Math.Max);

    /// <summary>For the query's terms: a product's score is the sum of its terms' scores.</summary>
    public static ScoredProducts Sum(IReadOnlyList<ScoredProducts> lists) => Merge(lists, static (a, b) => a + b);

    // Pairwise, like a merge sort's passes: each product is copied once per level, log2 of the lists' count.
    private static ScoredProducts Merge(IReadOnlyList<ScoredProducts> lists, Func<int, int, int> combine)
    {
        if (lists.Count == 0)
        {
            return Empty;
        }

        var level = lists.ToList();
        while (level.Count > 1)
        {
            var next = new List<ScoredProducts>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? Merge(level[i], level[i + 1], combine) : level[i]);
            }

            level = next;
        }

        return level[0];
    }

    private static ScoredProducts Merge(ScoredProducts left, ScoredProducts right, Func<int, int, int> combine)
    {
        var ids = new long[left.Count + right.Count];
        var scores = new int[ids.Length];
        int l = 0, r = 0, n = 0;
        while (l < left.Count && r < right.Count)
        {
            var (leftId, rightId) = (left.Id(l), right.Id(r));
            if (leftId == rightId)
            {
                (ids[n], scores[n]) = (leftId, combine(left.Score(l++), right.Score(r++)));
            }
            else if (leftId < rightId)
            {
                (ids[n], scores[n]) = (leftId, left.Score(l++));
            }
            else
            {
                (ids[n], scores[n]) = (rightId, right.Score(r++));
            }

            n++;
        }

        for (; l < left.Count; l++, n++)
        {
            (ids[n], scores[n]) = (left.Id(l), left.Score(l));
        }

        for (; r < right.Count; r++, n++)
        {
            (ids[n], scores[n]) = (right.Id(r), right.Score(r));
        }

        return new ScoredProducts(ids, scores, 0, n);
    }

    /// <summary>
    /// The products from the best score down, ascending ids within a score; only those scoring at least
    /// <paramref name="floor"/>. Scores are small integers, so this is a counting sort: linear, not n log n.
    /// </summary>
    public (long[] Ids, int[] Scores) Ordered(int floor)
    {
        var top = Top();
        // starts[s] counts the products scoring above s, then is where the next one scoring s goes.
        var starts = new int[top + 2];
        for (var i = 0; i < Count; i++)
        {
            if (Score(i) >= floor)
            {
                starts[top - Score(i) + 1]++;
            }
        }

        for (var s = 1; s < starts.Length; s++)
        {
            starts[s] += starts[s - 1];
        }

        var ids = new long[starts[^1]];
        var scores = new int[ids.Length];
        for (var i = 0; i < Count; i++)
        {
            if (Score(i) >= floor)
            {
                var at = starts[top - Score(i)]++;
                (ids[at], scores[at]) = (Id(i), Score(i));
            }
        }

        return (ids, scores);
    }

    /// <summary>The highest score, 0 when empty.</summary>
    public int Top()
    {
        var top = 0;
        for (var i = 0; i < Count; i++)
        {
            top = Math.Max(top, Score(i));
        }

        return top;
    }
}
