using Assistant.Engine.Search;
using Assistant.Engine.Store;
using Dapper;

namespace Assistant.Stores.Postgres;

/// <summary>
/// The product catalog of <c>Store__Kind=postgres</c>: <c>shop.products</c> and <c>shop.product_translations</c>. Search matches
/// the words in any of the catalog's languages, folds accents ("ao mua" finds "áo mưa"), forgives typos (edit
/// distance from fuzzystrmatch, trigram similarity from pg_trgm), and matches Chinese, which has no spaces, by its
/// two-character words.
/// </summary>
public sealed class PostgresCatalog(ShopDatabase database) : IProductCatalog
{
    // The haystack is the SKU and every name, category and description of the product in every language, folded like
    // the query.
    private const string Products = """
        WITH candidates AS (
            SELECT p.id, p.sku, p.name, p.description, p.category, p.price, p.currency, p.stock, p.image_url, p.url,
                   lower(unaccent(concat_ws(' ', p.sku, p.name, p.category, p.description,
                       (SELECT string_agg(concat_ws(' ', t.name, t.description), ' ') FROM shop.product_translations t WHERE t.product_id = p.id))))
                       AS haystack
            FROM shop.products p
            WHERE p.active)
        """;

    private const string Columns = """
        c.id, c.sku, coalesce(l.name, c.name) AS name, coalesce(l.description, c.description) AS description, c.category,
        c.price, c.currency, c.stock, c.image_url, c.url
        """;

    /// <summary>
    /// The best matches first: each word of the query scores by its best match among the product's words (exact 1,
    /// a prefix 0.9 so "mug" finds "mugs", one edit 0.8 and two edits or trigram-similar 0.6 for longer words, so
    /// "jaket" and "rian" still find "jacket" and "rain"); Chinese two-character runs add 0.5 each. Ties go to
    /// products in stock; products scoring under half the best are noise and left out.
    /// </summary>
    /// <remarks>
    /// Every active product's words are compared with the query's: fine for catalogs of a few thousand products. The
    /// query is cut to <see cref="SearchTerms.MaxTerms"/> words of at most <see cref="SearchTerms.MaxWordLength"/>
    /// characters, and the store database's command timeout (<c>Orders__StatementTimeout</c>) bounds the rest.
    /// </remarks>
    public async Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {Products},
            filtered AS (
                SELECT * FROM candidates c
                WHERE (@Category::text IS NULL OR lower(c.category) = lower(@Category))
                  AND (@MaxPrice::numeric IS NULL OR c.price <= @MaxPrice)
                  AND (@MinPrice::numeric IS NULL OR c.price >= @MinPrice)),
            query_words AS (
                SELECT DISTINCT w FROM regexp_split_to_table(lower(unaccent(@Text)), '[^[:alnum:]]+') w WHERE w <> ''),
            product_words AS (
                SELECT DISTINCT f.id, hw FROM filtered f, regexp_split_to_table(f.haystack, '[^[:alnum:]]+') hw WHERE hw <> ''),
            word_scores AS (
                SELECT pw.id, qw.w, max(CASE
                    WHEN pw.hw = qw.w THEN 1.0
                    WHEN length(qw.w) >= 3 AND left(pw.hw, length(qw.w)) = qw.w THEN 0.9
                    WHEN length(qw.w) >= 4 AND levenshtein(qw.w, pw.hw) <= 1 THEN 0.8
                    WHEN length(qw.w) >= 4 AND left(qw.w, 1) = left(pw.hw, 1) AND levenshtein(qw.w, pw.hw) <= 2 THEN 0.6
                    WHEN length(qw.w) >= 5 AND similarity(qw.w, pw.hw) >= 0.45 THEN 0.6
                    ELSE 0 END) AS score
                FROM product_words pw CROSS JOIN query_words qw
                GROUP BY pw.id, qw.w),
            scored AS (
                SELECT f.*,
                       coalesce((SELECT sum(score) FROM word_scores s WHERE s.id = f.id), 0)
                       + 0.5 * (SELECT count(*) FROM unnest(@Bigrams::text[]) b WHERE f.haystack LIKE '%' || b || '%') AS score
                FROM filtered f)
            SELECT {Columns}
            FROM (SELECT *, max(score) OVER () AS best FROM scored) c
            LEFT JOIN shop.product_translations l ON l.product_id = c.id AND l.locale = @Locale
            WHERE (c.score > 0 AND c.score >= c.best / 2) OR NOT EXISTS (SELECT 1 FROM query_words)
            ORDER BY c.score DESC, c.stock IS NOT DISTINCT FROM 0, c.id
            LIMIT @Limit
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProductRow>(new CommandDefinition(sql, new
        {
            Text = string.Join(' ', SearchTerms.SearchableWords(query.Text)),
            Bigrams = SearchTerms.SearchableBigrams(query.Text),
            query.Category,
            query.MinPrice,
            query.MaxPrice,
            Locale = locale,
            Limit = limit,
        }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken)
    {
        const string sql = $"""
            {Products}
            SELECT {Columns}
            FROM candidates c
            LEFT JOIN shop.product_translations l ON l.product_id = c.id AND l.locale = @Locale
            WHERE upper(c.sku) = ANY(@Skus)
            """;
        var wanted = skus.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct().ToArray();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ProductRow>(new CommandDefinition(sql, new { Skus = wanted, Locale = locale }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Sku.ToUpperInvariant());
        return [.. wanted.Where(rows.ContainsKey).Select(s => rows[s])];
    }
}
