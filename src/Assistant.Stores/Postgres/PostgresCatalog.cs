using Assistant.Engine.Store;
using Assistant.Stores.Postgres.CatalogSearch;
using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres;

/// <summary>
/// The product catalog of <c>Store__Kind=postgres</c>: <c>shop.products</c> and <c>shop.product_translations</c>. Search
/// matches the words in any of the catalog's languages, folds accents ("ao mua" finds "áo mưa"), forgives typos, and
/// matches Chinese, which has no spaces, by its two-character words: ranked on the assistant's index of the catalog
/// (<see cref="CatalogRanking"/>, kept by <see cref="CatalogIndex"/>), then read from the store, so a product shown
/// has its price and stock of now and a withdrawn one is never shown.
/// </summary>
public sealed class PostgresCatalog(ShopDatabase database, CatalogIndex index, CatalogRanking ranking) : IProductCatalog
{
    private const string Columns = """
        c.id, c.sku, coalesce(l.name, c.name) AS name, coalesce(l.description, c.description) AS description, c.category,
        c.price, c.currency, c.stock, c.image_url, c.url
        """;

    public async Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken)
    {
        await index.EnsureReadAsync(cancellationToken);
        var ranked = await ranking.RankAsync(query, limit, cancellationToken);
        if (ranked.Count == 0)
        {
            return [];
        }

        // The filters again on the store's rows of now: the index's price may be up to a refresh old.
        const string sql = $"""
            SELECT {Columns}
            FROM shop.products c
            LEFT JOIN shop.product_translations l ON l.product_id = c.id AND l.locale = @Locale
            WHERE c.id = ANY(@Ids) AND c.active
              AND (@Category::text IS NULL OR lower(c.category) = lower(@Category))
              AND (@MaxPrice::numeric IS NULL OR c.price <= @MaxPrice)
              AND (@MinPrice::numeric IS NULL OR c.price >= @MinPrice)
            """;
        Dictionary<long, ProductRow> rows;
        using (database.Waiting())
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            rows = (await connection.QueryAsync<ProductRow>(new CommandDefinition(sql, new
            {
                Ids = ranked.ToArray(),
                query.Category,
                query.MinPrice,
                query.MaxPrice,
                Locale = locale,
            }, cancellationToken: cancellationToken))).ToDictionary(r => r.Id);
        }

        return [.. ranked.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    public async Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken)
    {
        var asked = skus.Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        var wanted = asked.Select(s => s.ToUpperInvariant()).Distinct().ToArray();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        // The SKU's unique index finds them as spelt; only those spelt in another case are looked for case-blind, which
        // reads every product.
        var rows = (await ReadAsync(connection, "c.sku = ANY(@Skus)", asked.Distinct().ToArray(), locale, cancellationToken))
            .ToDictionary(r => r.Sku.ToUpperInvariant());
        var missing = wanted.Where(s => !rows.ContainsKey(s)).ToArray();
        if (missing.Length > 0)
        {
            foreach (var row in await ReadAsync(connection, "upper(c.sku) = ANY(@Skus)", missing, locale, cancellationToken))
            {
                rows.TryAdd(row.Sku.ToUpperInvariant(), row);
            }
        }

        return [.. wanted.Where(rows.ContainsKey).Select(s => rows[s])];
    }

    private static async Task<IEnumerable<ProductRow>> ReadAsync(NpgsqlConnection connection, string match, string[] skus, string locale, CancellationToken cancellationToken) =>
        await connection.QueryAsync<ProductRow>(new CommandDefinition($"""
            SELECT {Columns}
            FROM shop.products c
            LEFT JOIN shop.product_translations l ON l.product_id = c.id AND l.locale = @Locale
            WHERE c.active AND {match}
            """, new { Skus = skus, Locale = locale }, cancellationToken: cancellationToken));
}
