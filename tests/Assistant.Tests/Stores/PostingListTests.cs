using System.Buffers.Binary;
using Assistant.Stores.Postgres.CatalogSearch;

namespace Assistant.Tests.Stores;

/// <summary>The catalog search's posting lists: read as stored, merged into scores, ordered for placing, and the changes a rewrite records.</summary>
public sealed class PostingListTests
{
    [Fact]
    public async Task A_stored_list_is_read_as_ids_of_eight_bytes_big_endian_as_int8send_writes_them()
    {
        byte[] stored = [0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1, 0, 0, 0, 0, 9];

        using var list = await ScoredProducts.ReadAsync(new MemoryStream(stored), 10, TestContext.Current.CancellationToken);

        Assert.Equal([(7L, 10), (258L, 10), ((1L << 40) + 9, 10)], Pairs(list));
    }

    [Fact]
    public async Task A_list_longer_than_the_read_buffer_is_read_whole()
    {
        var ids = Enumerable.Range(1, 3000).Select(i => (long)i * 3).ToArray();

        using var list = await ListAsync(6, ids);

        Assert.Equal(ids.Select(id => (id, 6)), Pairs(list));
    }

    [Fact]
    public async Task A_product_matching_a_term_by_several_words_scores_by_the_best_of_them()
    {
        using var term = ScoredProducts.Best([await ListAsync(9, 1, 4, 7), await ListAsync(10, 4, 5), await ListAsync(6, 7)]);

        Assert.Equal([(1L, 9), (4L, 10), (5L, 10), (7L, 9)], Pairs(term));
    }

    [Fact]
    public async Task A_products_terms_add_up()
    {
        using var query = ScoredProducts.Sum([await ListAsync(10, 2, 3, 9), await ListAsync(8, 3, 9), await ListAsync(5, 1, 9)]);

        Assert.Equal([(1L, 5), (2L, 10), (3L, 18), (9L, 23)], Pairs(query));
    }

    [Fact]
    public async Task Merging_any_number_of_lists_gives_what_adding_them_one_by_one_gives()
    {
        var random = new Random(31);
        var lists = Enumerable.Range(0, 13).Select(i => (Ids: RandomIds(random), Score: random.Next(1, 11))).ToList();
        var expected = lists.SelectMany(l => l.Ids.Select(id => (Id: id, l.Score))).GroupBy(p => p.Id)
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(p => p.Score)));
        List<ScoredProducts> read = [];
        foreach (var (ids, score) in lists)
        {
            read.Add(await ListAsync(score, ids));
        }

        using var merged = ScoredProducts.Sum(read);

        Assert.Equal(expected, Pairs(merged));
    }

    [Fact]
    public void Nothing_to_merge_is_no_products()
    {
        using var none = ScoredProducts.Sum([]);

        Assert.Equal(0, none.Count);
        Assert.Equal(0, none.Top());
    }

    [Fact]
    public async Task Products_are_ordered_from_the_best_score_down_by_id_within_a_score_and_those_under_the_floor_left_out()
    {
        using var scored = ScoredProducts.Sum([await ListAsync(5, 1, 2, 3, 4, 5, 6), await ListAsync(10, 2, 5, 6), await ListAsync(9, 6)]);

        using var ordered = scored.Ordered(floor: 12);

        Assert.Equal([(6L, 24), (2L, 15), (5L, 15)], Pairs(ordered));
        Assert.Equal(24, scored.Top());
    }

    [Fact]
    public void A_rewrite_records_only_the_words_a_product_gained_or_lost()
    {
        var before = new Dictionary<long, string[]> { [1] = ["rain", "jacket", "red"], [2] = ["wool", "scarf"] };
        var after = new Dictionary<long, IReadOnlyList<string>> { [1] = ["rain", "jacket", "navy"], [3] = ["mug", "~马克"] };

        var changes = WordChanges.Between([1, 2, 3], before, after);

        Assert.Equal(
            [new("red", 1, false), new("navy", 1, true), new("wool", 2, false), new("scarf", 2, false), new("mug", 3, true), new("~马克", 3, true)],
            changes);
    }

    [Fact]
    public void The_vocabulary_counts_a_words_products_gained_less_those_lost_and_leaves_chinese_runs_out()
    {
        WordChange[] changes = [new("red", 1, false), new("red", 2, true), new("red", 3, true), new("mug", 3, false), new("~马克", 3, true)];

        var counts = WordChanges.VocabularyCounts(changes);

        Assert.Equal(new Dictionary<string, int> { ["red"] = 1, ["mug"] = -1 }, counts);
    }

    /// <summary>A posting list as <c>catalog_postings</c> stores it, read back.</summary>
    private static Task<ScoredProducts> ListAsync(int score, params long[] ids)
    {
        var stored = new byte[ids.Length * sizeof(long)];
        for (var i = 0; i < ids.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(stored.AsSpan(i * sizeof(long)), ids[i]);
        }

        return ScoredProducts.ReadAsync(new MemoryStream(stored), score, CancellationToken.None);
    }

    private static long[] RandomIds(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (long)random.Next(1, 120)).Distinct().Order()];

    private static IEnumerable<(long, int)> Pairs(ScoredProducts products) =>
        Enumerable.Range(0, products.Count).Select(i => (products.Id(i), products.Score(i)));
}
