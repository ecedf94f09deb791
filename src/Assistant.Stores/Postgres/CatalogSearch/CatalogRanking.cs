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
/// only the products having a matched word are scored: a search reads what its words reach, not the catalog. When a
/// term is common (<see cref="CommonPostings"/>), the products having a rarer one are scored first, and the common
/// terms' products are read only if they could still take a place (max-score pruning, exact). The query is cut to
/// <see cref="SearchTerms.MaxTerms"/> words of at most <see cref="SearchTerms.MaxWordLength"/> characters.
/// </remarks>
public sealed class CatalogRanking(NpgsqlDataSource state, int commonPostings = CatalogRanking.CommonPostings)
{
    /// <summary>
    /// A term found in more products than this is common: a search first scores only the products having one of the
    /// query's rarer terms, and reads a common term's products only when they could still make the top of the list.
    /// </summary>
    public const int CommonPostings = 5000;

    private const string Filters = """
        (@Category::text IS NULL OR lower(e.category) = lower(@Category))
        AND (@MaxPrice::numeric IS NULL OR e.price <= @MaxPrice)
        AND (@MinPrice::numeric IS NULL OR e.price >= @MinPrice)
        """;

    /// <summary>The best products' ids, best first; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<long>> RankAsync(ProductQuery query, int limit, CancellationToken cancellationToken)
    {
        var words = SearchTerms.SearchableWords(query.Text).ToArray();
        var filtered = query.Category is not null || query.MinPrice is not null || query.MaxPrice is not null;
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        if (words.Length == 0)
        {
            return (await connection.QueryAsync<long>(new CommandDefinition(Unranked, Arguments(query, limit), cancellationToken: cancellationToken))).AsList();
        }

        var matches = (await connection.QueryAsync<TermMatch>(new CommandDefinition(Matches, new
        {
            Words = words,
            Runs = SearchTerms.SearchableBigrams(query.Text).Select(b => SearchTerms.RunMark + b).ToArray(),
            Cap = commonPostings,
        }, cancellationToken: cancellationToken))).AsList();
        if (matches.Count == 0)
        {
            return [];
        }

        var arguments = Arguments(query, limit);
        arguments.Add("Terms", matches.Select(m => m.Term).ToArray());
        arguments.Add("MatchWords", matches.Select(m => m.Word).ToArray());
        arguments.Add("Scores", matches.Select(m => m.Score).ToArray());
        // Terms from the most common down: those left out of the candidates' search while their best scores, summed,
        // stay under the candidates' last place. A product with none of the other terms scores at most that sum, so
        // nothing outside the candidates could have taken a place, and the list is the one the whole catalog gives.
        var terms = matches.GroupBy(m => m.Term).Select(g => (Words: g.Select(m => m.Word).ToArray(), Postings: g.Sum(m => m.Postings), Best: g.Max(m => m.Score)))
            .OrderByDescending(t => t.Postings).ToList();
        // When every term is common, the rarest is searched first.
        var common = Math.Min(terms.TakeWhile(t => t.Postings >= commonPostings).Count(), terms.Count - 1);
        while (common > 0 && common < terms.Count)
        {
            var ceiling = terms.Take(common).Sum(t => t.Best);
            arguments.Add("RareWords", terms.Skip(common).SelectMany(t => t.Words).ToArray());
            var candidates = (await connection.QueryAsync<RankedProduct>(new CommandDefinition(
                filtered ? $"{FromCandidates}, {WithinFilters}" : $"{FromCandidates}, {Unfiltered}", arguments, cancellationToken: cancellationToken))).AsList();
            if (candidates.Count < limit)
            {
                break;
            }

            if (candidates[^1].Score > ceiling)
            {
                return [.. candidates.Select(c => c.ProductId)];
            }

            // The last place ties or trails what the left-out terms could sum to: leave out fewer, from the rarest of them.
            while (common > 0 && terms.Take(common).Sum(t => t.Best) >= candidates[^1].Score)
            {
                common--;
            }
        }

        return [.. (await connection.QueryAsync<RankedProduct>(new CommandDefinition(
            filtered ? $"{FromAll}, {WithinFilters}" : $"{FromAll}, {Unfiltered}", arguments, cancellationToken: cancellationToken))).Select(c => c.ProductId)];
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

    // Each query word's vocabulary words, scored in tenths by the best rule they meet, with how many products have
    // each; and each Chinese run, its products counted up to @Cap. U+10FFFF ends the range of words that start with a query
    // word: in byte order ("C"), nothing longer sorts past it. Typos are forgiven in words without digits that the
    // catalog does not have: a word it has is taken as written ("chay" is not "chat", nor "size" "silk").
    private const string Matches = """
        WITH query_words AS (
            SELECT w COLLATE "C" AS w,
                   w !~ '[0-9]' AND NOT EXISTS (SELECT 1 FROM catalog_vocabulary v WHERE v.word = w COLLATE "C") AS fuzzy
            FROM unnest(@Words::text[]) AS w),
        reached AS (
            SELECT q.w AS qw, v.word, v.products FROM query_words q CROSS JOIN LATERAL (
                SELECT word, products FROM catalog_vocabulary WHERE word = q.w
                UNION SELECT word, products FROM catalog_vocabulary
                    WHERE length(q.w) >= 3 AND word > q.w AND word < q.w || U&'\+10FFFF'
                UNION SELECT word, products FROM catalog_vocabulary
                    WHERE q.fuzzy AND length(q.w) >= 4 AND word !~ '[0-9]'
                      AND left(word, 1) = left(q.w, 1) AND length(word) BETWEEN length(q.w) - 2 AND length(q.w) + 2
                UNION SELECT word, products FROM catalog_vocabulary
                    WHERE q.fuzzy AND length(q.w) >= 4 AND word !~ '[0-9]' AND substr(word, 2) IN (q.w, substr(q.w, 2))
                UNION SELECT word, products FROM catalog_vocabulary
                    WHERE q.fuzzy AND length(q.w) >= 4 AND word = substr(q.w, 2)
                UNION SELECT word, products FROM catalog_vocabulary
                    WHERE q.fuzzy AND length(q.w) >= 5 AND word !~ '[0-9]' AND word % q.w) v),
        scored AS (
            SELECT qw, word, products, CASE
                WHEN word = qw THEN 10
                WHEN length(qw) >= 3 AND starts_with(word, qw) THEN 9
                WHEN length(qw) >= 4 AND levenshtein(qw, word) <= 1 THEN 8
                WHEN length(qw) >= 4 AND left(qw, 1) = left(word, 1) AND levenshtein(qw, word) <= 2 THEN 6
                WHEN length(qw) >= 5 AND similarity(qw, word) >= 0.45 THEN 6
                ELSE 0 END AS score
            FROM reached)
        SELECT qw AS term, word, score, products::bigint AS postings FROM scored WHERE score > 0
        UNION ALL
        SELECT r, r, 5, (SELECT count(*) FROM (SELECT 1 FROM catalog_words c WHERE c.word = r LIMIT @Cap) p)
        FROM unnest(@Runs::text[]) AS r
        """;

    private const string Matched = """
        WITH matched AS (
            SELECT * FROM unnest(@Terms::text[], @MatchWords::text[], @Scores::int[]) AS m(term, word, score))
        """;

    // A product's score: for each term its best word, summed.
    private const string FromAll = $"""
        {Matched},
        word_scores AS (
            SELECT c.product_id, max(m.score) AS score
            FROM matched m JOIN catalog_words c ON c.word = m.word
            GROUP BY c.product_id, m.term),
        scores AS (
            SELECT product_id, sum(score) AS score FROM word_scores GROUP BY product_id)
        """;

    // The same, for the products having a rarer term only: each one's matched words looked up by its id.
    private const string FromCandidates = $"""
        {Matched},
        candidates AS (
            SELECT DISTINCT c.product_id FROM catalog_words c WHERE c.word = ANY(@RareWords::text[])),
        word_scores AS (
            SELECT c.product_id, max(m.score) AS score
            FROM candidates k
            JOIN catalog_words c ON c.word = ANY(@MatchWords::text[]) AND c.product_id = k.product_id
            JOIN matched m ON m.word = c.word
            GROUP BY c.product_id, m.term),
        scores AS (
            SELECT product_id, sum(score) AS score FROM word_scores GROUP BY product_id)
        """;

    // Without filters, the products' entries are read for those within half the best score only.
    private const string Unfiltered = """
        kept AS (
            SELECT product_id, score FROM scores WHERE score * 2 >= (SELECT max(score) FROM scores))
        SELECT k.product_id, k.score FROM kept k JOIN catalog_entries e ON e.product_id = k.product_id
        ORDER BY k.score DESC, e.stock IS NOT DISTINCT FROM 0, k.product_id
        LIMIT @Limit
        """;

    private const string WithinFilters = $"""
        scored AS (
            SELECT s.product_id, s.score, e.stock FROM scores s JOIN catalog_entries e ON e.product_id = s.product_id
            WHERE {Filters})
        SELECT product_id, score FROM scored
        WHERE score * 2 >= (SELECT max(score) FROM scored)
        ORDER BY score DESC, stock IS NOT DISTINCT FROM 0, product_id
        LIMIT @Limit
        """;

    /// <param name="Score">In tenths: 10 an exact word, 9 a prefix, 8 one typo, 6 two or trigram-similar, 5 a Chinese run.</param>
    private sealed record TermMatch(string Term, string Word, int Score, long Postings);

    private sealed record RankedProduct(long ProductId, long Score);
}
