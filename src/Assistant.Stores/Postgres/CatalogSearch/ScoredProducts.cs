using System.Buffers;
using System.Buffers.Binary;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// Products in ascending id order, each with a score: a word's posting list (every product the same score), or the
/// merge of several. Merging walks the lists side by side, so scoring a query costs the length of its words' lists,
/// whatever the catalog's size.
/// </summary>
/// <remarks>
/// A common word's list holds most of a large catalog (800 KB at 100,000 products): the arrays are rented from the
/// shared pool and given back on dispose, so a search leaves no large objects for the collector (measured: 58 full
/// collections in one benchmark phase before). Merging disposes of the lists it merged.
/// </remarks>
internal sealed class ScoredProducts : IDisposable
{
    private long[] _ids;
    private int[]? _scores;
    private readonly int _score;
    private readonly bool _rented;

    private ScoredProducts(long[] ids, int[]? scores, int score, int count, bool rented)
    {
        _ids = ids;
        _scores = scores;
        _score = score;
        _rented = rented;
        Count = count;
    }

    public int Count { get; }

    public static ScoredProducts Empty => new([], [], 0, 0, rented: false);

    /// <summary>
    /// A word's posting list as stored (<c>catalog_postings.products</c>: its products ascending and distinct, 8 bytes
    /// big-endian each), read from <paramref name="list"/> to its end; every product scoring <paramref name="score"/>.
    /// </summary>
    public static async Task<ScoredProducts> ReadAsync(Stream list, int score, CancellationToken cancellationToken)
    {
        var count = (int)(list.Length / sizeof(long));
        var ids = ArrayPool<long>.Shared.Rent(count);
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            var read = 0;
            while (read < count)
            {
                var bytes = Math.Min(buffer.Length, (count - read) * sizeof(long));
                await list.ReadExactlyAsync(buffer.AsMemory(0, bytes), cancellationToken);
                for (var offset = 0; offset < bytes; offset += sizeof(long))
                {
                    ids[read++] = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(offset, sizeof(long)));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new ScoredProducts(ids, null, score, count, rented: true);
    }

    public long Id(int index) => _ids[index];

    public int Score(int index) => _scores?[index] ?? _score;

    /// <summary>The ids from <paramref name="start"/> up to <paramref name="end"/>, copied.</summary>
    public long[] Ids(int start, int end) => _ids[start..end];

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
        var ids = ArrayPool<long>.Shared.Rent(left.Count + right.Count);
        var scores = ArrayPool<int>.Shared.Rent(left.Count + right.Count);
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

        left.Dispose();
        right.Dispose();
        return new ScoredProducts(ids, scores, 0, n, rented: true);
    }

    /// <summary>
    /// The products from the best score down, ascending ids within a score; only those scoring at least
    /// <paramref name="floor"/>. Scores are small integers, so this is a counting sort: linear, not n log n.
    /// </summary>
    public ScoredProducts Ordered(int floor)
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

        var ids = ArrayPool<long>.Shared.Rent(starts[^1]);
        var scores = ArrayPool<int>.Shared.Rent(starts[^1]);
        var count = starts[^1];
        for (var i = 0; i < Count; i++)
        {
            if (Score(i) >= floor)
            {
                var at = starts[top - Score(i)]++;
                (ids[at], scores[at]) = (Id(i), Score(i));
            }
        }

        return new ScoredProducts(ids, scores, 0, count, rented: true);
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

    public void Dispose()
    {
        if (_rented && _ids.Length > 0)
        {
            ArrayPool<long>.Shared.Return(_ids);
            if (_scores is not null)
            {
                ArrayPool<int>.Shared.Return(_scores);
            }
        }

        _ids = [];
        _scores = null;
    }
}
