using System.Data;
using Assistant.Engine.Search;
using Assistant.Engine.Store;
using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// Ranks the indexed products for a customer's words. Each word of the query scores by its best match among a
/// product's words: exact 1, a prefix 0.9 (so "mug" finds "mugs"), and for a word of four letters or more, without
/// digits, that the catalog does not have (a typo), one edit 0.8, two edits with the same first letter or
/// trigram-similar 0.6 ("rian jaket" finds "rain jacket", while "chay" is not read as "chat" and SKU 000104 never finds
/// 000105). Each Chinese two-character run the product has adds 0.5. Ties go to products in stock; products scoring
/// under half the best are noise and left out.
/// </summary>
/// <remarks>
/// The query's words are first matched against the vocabulary (each distinct word once, indexed for each rule), and
/// the same statement returns each matched word's posting list, every product having it in one value: a search reads
/// one row per word it matched, not one per product, and scores in memory by merging the lists
/// (<see cref="ScoredProducts"/>). Only then are the best products' entries read, a few at a time from the top (stock
/// breaks ties; the category and price filters apply), until the list is full. The query is cut to
/// <see cref="SearchTerms.MaxTerms"/> words of at most <see cref="SearchTerms.MaxWordLength"/> characters.
/// </remarks>
/// <param name="admission">Lets searches run a few at a time (<see cref="SearchAdmission"/>); none, all at once.</param>
public sealed class CatalogRanking(NpgsqlDataSource state, SearchAdmission? admission = null, int firstEntries = CatalogRanking.FirstEntries)
{
    /// <summary>
    /// How many of the best products' entries the first read takes; each further read takes four times more, so a
    /// filter that few products pass costs a handful of reads, not one per product.
    /// </summary>
    public const int FirstEntries = 64;

    internal const string Filters = """
        ((@Category::text IS NULL OR lower(e.category) = lower(@Category))
        AND (@MaxPrice::numeric IS NULL OR e.price <= @MaxPrice)
        AND (@MinPrice::numeric IS NULL OR e.price >= @MinPrice))
        """;

    /// <summary>The best products' ids, best first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<long>> RankAsync(ProductQuery query, int limit, CancellationToken cancellationToken)
    {
        var words = SearchTerms.SearchableWords(query.Text).ToArray();
        using var slot = admission is null ? default : await admission.EnterAsync(cancellationToken);
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        if (words.Length == 0)
        {
            return (await connection.QueryAsync<long>(new CommandDefinition(Unranked, Arguments(query, limit), cancellationToken: cancellationToken))).AsList();
        }

        var matches = await MatchAsync(connection, words, SearchTerms.SearchableBigrams(query.Text), cancellationToken);
        using var scored = ScoredProducts.Sum([.. matches.GroupBy(m => m.Term).Select(term => ScoredProducts.Best([.. term.Select(m => m.Products)]))]);
        var filtered = query.Category is not null || query.MinPrice is not null || query.MaxPrice is not null;
        // Without filters the best of all is the best shown, so those under half of it need no entry read.
        using var ordered = scored.Ordered(filtered ? 0 : (scored.Top() + 1) / 2);
        var entries = new CandidateEntries(connection, Arguments(query, limit), firstEntries);
        return await PlaceAsync(ordered, entries, limit, cancellationToken);
    }

    /// <summary>
    /// From the best score down: within a score, products in stock first, then by id; only products passing the
    /// filters, and none under half the best that passes.
    /// </summary>
    private static async Task<IReadOnlyList<long>> PlaceAsync(ScoredProducts ordered, CandidateEntries entries, int limit, CancellationToken cancellationToken)
    {
        List<long> placed = [];
        int? best = null;
        for (var start = 0; start < ordered.Count && placed.Count < limit && (best is null || ordered.Score(start) * 2 >= best);)
        {
            List<long> inStock = [];
            List<long> outOfStock = [];
            var end = start;
            for (; end < ordered.Count && ordered.Score(end) == ordered.Score(start); end++)
            {
                if (inStock.Count == limit - placed.Count)
                {
                    continue;
                }

                var entry = await entries.ReadAsync(ordered, end, cancellationToken);
                if (entry is { Passes: true })
                {
                    best ??= ordered.Score(start);
                    (entry.OutOfStock ? outOfStock : inStock).Add(ordered.Id(end));
                }
            }

            placed.AddRange(inStock);
            placed.AddRange(outOfStock.Take(limit - placed.Count));
            start = end;
        }

        return placed;
    }

    // Read without Dapper, a list streamed from the connection into a pooled array: no copy of it is ever allocated.
    private static async Task<List<TermMatch>> MatchAsync(NpgsqlConnection connection, string[] words, string[] runs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Matches, connection);
        command.Parameters.AddWithValue("Words", words);
        command.Parameters.AddWithValue("Runs", runs.Select(b => SearchTerms.RunMark + b).ToArray());
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        List<TermMatch> matches = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var (term, score) = (reader.GetString(0), reader.GetInt32(1));
            await using var list = await reader.GetStreamAsync(2, cancellationToken);
            matches.Add(new TermMatch(term, await ScoredProducts.ReadAsync(list, score, cancellationToken)));
        }

        return matches;
    }

    private static DynamicParameters Arguments(ProductQuery query, int limit)
    {
        var arguments = new DynamicParameters();
        arguments.Add("Category", query.Category);
        arguments.Add("MinPrice", query.MinPrice);
        arguments.Add("MaxPrice", query.MaxPrice);
        arguments.Add("Limit", limit);
        return arguments;
    }

    private const string Unranked = $"""
        SELECT e.product_id FROM catalog_entries e
        WHERE {Filters}
        ORDER BY e.stock IS NOT DISTINCT FROM 0, e.product_id
        LIMIT @Limit
        """;

    // The vocabulary match and the lists' look-up live in the database (migration 0031), where their plan is made once
    // per connection instead of once per search.
    private const string Matches = "SELECT term, score, products FROM catalog_matches(@Words, @Runs)";

    /// <param name="Products">
    /// The word's posting list, each product scoring in tenths: 10 an exact word, 9 a prefix, 8 one typo, 6 two or
    /// trigram-similar, 5 a Chinese run.
    /// </param>
    private sealed record TermMatch(string Term, ScoredProducts Products);
}
