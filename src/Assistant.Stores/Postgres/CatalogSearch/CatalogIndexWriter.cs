using Assistant.Engine.Search;
using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// Writes a batch of products into the index in one transaction: their entry, the words each gained or lost as
/// pending changes to the words' posting lists, and the vocabulary's count of products per word, from which a word no
/// product uses any more is taken out. The pending changes are applied once the refresh's batches are written
/// (<see cref="ApplyPostingChangesAsync"/>): a renamed product touches the lists of the words it gained or lost, not
/// of every word it has, a common word's list is rewritten once a refresh, not once a batch, and a refresh cut short
/// leaves its changes for the next. A refresh rewriting much of the catalog rebuilds every list instead
/// (<see cref="RebuildPostingsLaterAsync"/>).
/// </summary>
internal sealed class CatalogIndexWriter(NpgsqlDataSource state, int timeoutSeconds)
{
    private bool _rebuilding;

    public Task RewriteAsync(IReadOnlyList<CatalogText> products, CancellationToken cancellationToken)
    {
        var words = products.ToDictionary(p => p.ProductId, p => SearchTerms.IndexWords(p.Text));
        return WriteAsync([.. products.Select(p => p.ProductId)], words, """
            INSERT INTO catalog_entries (product_id, words_hash, words, category, price, stock)
            SELECT u.id, u.hash, string_to_array(u.words, ' '), u.category, u.price, u.stock
            FROM unnest(@Ids, @Hashes, @Words, @Categories, @Prices, @Stocks) AS u(id, hash, words, category, price, stock);
            """, new
        {
            Hashes = products.Select(p => p.WordsHash).ToArray(),
            // One space-separated text per product: words hold no spaces, and unnest cannot take an array of arrays
            // of different lengths.
            Words = products.Select(p => string.Join(' ', words[p.ProductId])).ToArray(),
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

    public Task RemoveAsync(long[] ids, CancellationToken cancellationToken) =>
        WriteAsync(ids, new Dictionary<long, IReadOnlyList<string>>(), string.Empty, new { }, cancellationToken);

    /// <summary>
    /// Takes the products' entries out, runs <paramref name="then"/> (which may write them again with
    /// <paramref name="words"/>), and records what each product's words gained and lost.
    /// </summary>
    private async Task WriteAsync(long[] ids, Dictionary<long, IReadOnlyList<string>> words, string then, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var old = (await connection.QueryAsync<(long ProductId, string[] Words)>(new CommandDefinition(
            "SELECT product_id, words FROM catalog_entries WHERE product_id = ANY(@Ids)",
            new { Ids = ids }, transaction, timeoutSeconds, cancellationToken: cancellationToken))).ToDictionary(o => o.ProductId, o => o.Words);
        var changes = WordChanges.Between(ids, old, words);
        var recorded = _rebuilding ? [] : changes;
        var arguments = new DynamicParameters(parameters);
        arguments.Add("Ids", ids);
        arguments.Add("ChangedWords", recorded.Select(c => c.Word).ToArray());
        arguments.Add("ChangedProducts", recorded.Select(c => c.ProductId).ToArray());
        arguments.Add("Present", recorded.Select(c => c.Present).ToArray());
        var counts = WordChanges.VocabularyCounts(changes);
        arguments.Add("CountedWords", counts.Keys.ToArray());
        arguments.Add("Counts", counts.Values.ToArray());
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM catalog_entries WHERE product_id = ANY(@Ids);
            {then}
            INSERT INTO catalog_posting_changes (word, product_id, present)
            SELECT * FROM unnest(@ChangedWords::text[], @ChangedProducts::bigint[], @Present::boolean[])
            ON CONFLICT (word, product_id) DO UPDATE SET present = EXCLUDED.present;
            INSERT INTO catalog_vocabulary (word, products)
            SELECT * FROM unnest(@CountedWords::text[], @Counts::int[])
            ON CONFLICT (word) DO UPDATE SET products = catalog_vocabulary.products + EXCLUDED.products;
            DELETE FROM catalog_vocabulary WHERE word = ANY(@CountedWords) AND products <= 0;
            """, arguments, transaction, timeoutSeconds, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Marks every posting list for rebuilding from the entries once this refresh's batches are written, which then
    /// record no changes of their own.
    /// </summary>
    public async Task RebuildPostingsLaterAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("INSERT INTO catalog_postings_rebuild DEFAULT VALUES ON CONFLICT (pending) DO NOTHING", new { }, cancellationToken);
        _rebuilding = true;
    }

    /// <summary>
    /// Brings the posting lists up to the entries in one transaction: all of them when a rebuild is marked, otherwise
    /// each word with pending changes once. Searches read the lists as they were until it commits.
    /// </summary>
    public async Task ApplyPostingChangesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (rebuild, changed) = await connection.QuerySingleAsync<(bool, bool)>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM catalog_postings_rebuild), EXISTS (SELECT 1 FROM catalog_posting_changes)",
            transaction: transaction, cancellationToken: cancellationToken));
        if (!rebuild && !changed)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition($"""
            {(rebuild ? RebuildAll : MergeChanges)};
            TRUNCATE catalog_posting_changes;
            DELETE FROM catalog_postings_rebuild;
            """, transaction: transaction, commandTimeout: timeoutSeconds, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        _rebuilding = false;
    }

    // The set operations are hashed: linear in the list's length. A list left empty is dropped.
    private const string MergeChanges = """
        WITH changed AS (
            SELECT word,
                   coalesce(array_agg(product_id) FILTER (WHERE present), '{}') AS added,
                   coalesce(array_agg(product_id) FILTER (WHERE NOT present), '{}') AS removed
            FROM catalog_posting_changes GROUP BY word),
        merged AS (
            SELECT c.word, (SELECT string_agg(int8send(id), ''::bytea ORDER BY id) FROM (
                SELECT catalog_posting_ids(p.products) AS id EXCEPT SELECT unnest(c.removed)
                UNION SELECT unnest(c.added)) ids) AS products
            FROM changed c LEFT JOIN catalog_postings p ON p.word = c.word),
        emptied AS (
            DELETE FROM catalog_postings p USING merged m WHERE p.word = m.word AND m.products IS NULL)
        INSERT INTO catalog_postings (word, products)
        SELECT word, products FROM merged WHERE products IS NOT NULL
        ON CONFLICT (word) DO UPDATE SET products = EXCLUDED.products
        """;

    // Rows are updated, not the table emptied and filled, so searches never wait on a lock or see it empty.
    private const string RebuildAll = """
        CREATE TEMP TABLE fresh_postings ON COMMIT DROP AS
            SELECT w COLLATE "C" AS word, string_agg(int8send(e.product_id), ''::bytea ORDER BY e.product_id) AS products
            FROM catalog_entries e, unnest(e.words) AS w GROUP BY w;
        DELETE FROM catalog_postings p WHERE NOT EXISTS (SELECT 1 FROM fresh_postings f WHERE f.word = p.word);
        INSERT INTO catalog_postings (word, products) SELECT word, products FROM fresh_postings
        ON CONFLICT (word) DO UPDATE SET products = EXCLUDED.products WHERE catalog_postings.products <> EXCLUDED.products
        """;

    /// <summary>
    /// After a large rewrite (the first build, a catalog import): until vacuumed, each word's look-up visits the table
    /// besides its index (the visibility map is unset), which measured several times slower, and the planner's
    /// statistics describe the old tables.
    /// </summary>
    public Task VacuumAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("VACUUM (ANALYZE) catalog_entries, catalog_vocabulary, catalog_postings", new { }, cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandTimeout: timeoutSeconds, cancellationToken: cancellationToken));
    }
}
