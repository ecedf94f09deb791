using Assistant.Engine.Search;
using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// Writes a batch of products into the index in one transaction: their entry, a row per word, and the vocabulary's
/// count of products per word, from which a word no product uses any more is taken out.
/// </summary>
internal sealed class CatalogIndexWriter(NpgsqlDataSource state, int timeoutSeconds)
{
    public async Task RewriteAsync(IReadOnlyList<CatalogText> products, CancellationToken cancellationToken)
    {
        // Words go to PostgreSQL as one space-separated text per product: words hold no spaces, and unnest cannot take
        // an array of arrays of different lengths.
        var words = products.Select(p => string.Join(' ', SearchTerms.IndexWords(p.Text))).ToArray();
        await InTransactionAsync(products.Select(p => p.ProductId).ToArray(), """
            INSERT INTO catalog_entries (product_id, words_hash, words, category, price, stock)
            SELECT u.id, u.hash, string_to_array(u.words, ' '), u.category, u.price, u.stock
            FROM unnest(@Ids, @Hashes, @Words, @Categories, @Prices, @Stocks) AS u(id, hash, words, category, price, stock);
            INSERT INTO catalog_words (word, product_id)
            SELECT DISTINCT w, e.product_id FROM catalog_entries e, unnest(e.words) AS w WHERE e.product_id = ANY(@Ids);
            INSERT INTO catalog_vocabulary (word, products)
            SELECT w, count(*) FROM catalog_entries e, unnest(e.words) AS w
            WHERE e.product_id = ANY(@Ids) AND NOT starts_with(w, @RunMark)
            GROUP BY w
            ON CONFLICT (word) DO UPDATE SET products = catalog_vocabulary.products + EXCLUDED.products;
            """, new
        {
            Hashes = products.Select(p => p.WordsHash).ToArray(),
            Words = words,
            Categories = products.Select(p => p.Category).ToArray(),
            Prices = products.Select(p => p.Price).ToArray(),
            Stocks = products.Select(p => p.Stock).ToArray(),
        }, cancellationToken);
    }

    public Task UpdateAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE catalog_entries e SET category = u.category, price = u.price, stock = u.stock
            FROM unnest(@Ids, @Categories, @Prices, @Stocks) AS u(id, category, price, stock)
            WHERE e.product_id = u.id
            """, new
        {
            Ids = entries.Select(e => e.ProductId).ToArray(),
            Categories = entries.Select(e => e.Category).ToArray(),
            Prices = entries.Select(e => e.Price).ToArray(),
            Stocks = entries.Select(e => e.Stock).ToArray(),
        }, cancellationToken);

    public Task RemoveAsync(long[] ids, CancellationToken cancellationToken) => InTransactionAsync(ids, string.Empty, new { }, cancellationToken);

    /// <summary>
    /// Takes the products' words and entries out, runs <paramref name="then"/> (which may write them again), and drops
    /// from the vocabulary the words they had that no product has now.
    /// </summary>
    private async Task InTransactionAsync(long[] ids, string then, object parameters, CancellationToken cancellationToken)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("Ids", ids);
        arguments.Add("RunMark", SearchTerms.RunMark);
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var old = (await connection.QueryAsync<(string Word, int Products)>(new CommandDefinition("""
            SELECT w, count(*)::int FROM catalog_entries e, unnest(e.words) AS w
            WHERE e.product_id = ANY(@Ids) AND NOT starts_with(w, @RunMark)
            GROUP BY w
            """, arguments, transaction, timeoutSeconds, cancellationToken: cancellationToken))).AsList();
        arguments.Add("Old", old.Select(o => o.Word).ToArray());
        arguments.Add("OldCounts", old.Select(o => o.Products).ToArray());
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM catalog_words w USING catalog_entries e, unnest(e.words) AS old(word)
            WHERE e.product_id = ANY(@Ids) AND w.word = old.word AND w.product_id = e.product_id;
            DELETE FROM catalog_entries WHERE product_id = ANY(@Ids);
            UPDATE catalog_vocabulary v SET products = v.products - o.products
            FROM unnest(@Old::text[], @OldCounts::int[]) AS o(word, products) WHERE v.word = o.word;
            {then}
            DELETE FROM catalog_vocabulary WHERE word = ANY(@Old) AND products <= 0;
            """, arguments, transaction, timeoutSeconds, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// After a large rewrite (the first build, a catalog import): until vacuumed, each word's look-up visits the table
    /// besides its index (the visibility map is unset), which measured several times slower, and the planner's
    /// statistics describe the old tables.
    /// </summary>
    public Task VacuumAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("VACUUM (ANALYZE) catalog_entries, catalog_words, catalog_vocabulary", new { }, cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandTimeout: timeoutSeconds, cancellationToken: cancellationToken));
    }
}
