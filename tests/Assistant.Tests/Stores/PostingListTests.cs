using Assistant.Stores.Postgres.CatalogSearch;

namespace Assistant.Tests.Stores;

/// <summary>The catalog search's posting lists: merged into scores, ordered for placing, and the changes a rewrite records.</summary>
public sealed class PostingListTests
{
    [Fact]
    public void A_product_matching_a_term_by_several_words_scores_by_the_best_of_them()
    {
        var term = ScoredProducts.Best([ScoredProducts.Posting([1, 4, 7], 9), ScoredProducts.Posting([4, 5], 10), ScoredProducts.Posting([7], 6)]);

        Assert.Equal([(1L, 9), (4L, 10), (5L, 10), (7L, 9)], Pairs(term));
    }

    [Fact]
    public void A_products_terms_add_up()
    {
        var query = ScoredProducts.Sum([ScoredProducts.Posting([2, 3, 9], 10), ScoredProducts.Posting([3, 9], 8), ScoredProducts.Posting([1, 9], 5)]);

        Assert.Equal([(1L, 5), (2L, 10), (3L, 18), (9L, 23)], Pairs(query));
    }

    [Fact]
    public void Merging_any_number_of_lists_gives_what_adding_them_one_by_one_gives()
    {
        var random = new Random(31);
        var lists = Enumerable.Range(0, 13).Select(i => (Ids: RandomIds(random), Score: random.Next(1, 11))).ToList();
        var expected = lists.SelectMany(l => l.Ids.Select(id => (Id: id, l.Score))).GroupBy(p => p.Id)
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(p => p.Score)));

        var merged = ScoredProducts.Sum([.. lists.Select(l => ScoredProducts.Posting(l.Ids, l.Score))]);

        Assert.Equal(expected, Pairs(merged));
    }

    [Fact]
    public void A_stored_list_is_read_as_ids_of_eight_bytes_big_endian_as_int8send_writes_them()
    {
        byte[] stored = [0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1, 0, 0, 0, 0, 9];

        var list = ScoredProducts.Stored(stored, 10);

        Assert.Equal([(7L, 10), (258L, 10), ((1L << 40) + 9, 10)], Pairs(list));
    }

    [Fact]
    public void Nothing_to_merge_is_no_products()
    {
        Assert.Equal(0, ScoredProducts.Sum([]).Count);
        Assert.Equal(0, ScoredProducts.Sum([]).Top());
    }

    [Fact]
    public void Products_are_ordered_from_the_best_score_down_by_id_within_a_score_and_those_under_the_floor_left_out()
    {
        var scored = ScoredProducts.Sum([ScoredProducts.Posting([1, 2, 3, 4, 5, 6], 5), ScoredProducts.Posting([2, 5, 6], 10), ScoredProducts.Posting([6], 9)]);

        var (ids, scores) = scored.Ordered(floor: 12);

        Assert.Equal([6L, 2L, 5L], ids);
        Assert.Equal([24, 15, 15], scores);
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

    private static long[] RandomIds(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (long)random.Next(1, 120)).Distinct().Order()];

    private static IEnumerable<(long, int)> Pairs(ScoredProducts products) =>
        Enumerable.Range(0, products.Count).Select(i => (products.Id(i), products.Score(i)));
}
