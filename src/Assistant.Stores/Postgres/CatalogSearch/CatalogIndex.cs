using Assistant.Transport;
using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// The assistant's index of the PostgreSQL catalog's words (state database, migration 0026), so that a search looks
/// its words up instead of comparing every product's words with the customer's. A refresh reads one hash of each
/// active product's searched text from the store (the shop tables or views), walks it beside the index in id order,
/// and rewrites only the products whose text changed, updates those whose category, price or stock did, and drops
/// those gone or withdrawn; memory stays flat whatever the catalog's size.
/// </summary>
public sealed class CatalogIndex(ShopDatabase shop, NpgsqlDataSource state)
{
    /// <summary>Products written per transaction.</summary>
    private const int Batch = 1000;

    /// <summary>Reading a large catalog's hashes outlasts a look-up's statement timeout (<c>Orders__StatementTimeout</c>).</summary>
    private const int RefreshTimeoutSeconds = 600;

    /// <summary>The advisory lock a refresh holds: one refresh at a time across the instances sharing the state database.</summary>
    public const long AdvisoryLock = 0x61_73_73_69_63_61_74_31;

    /// <summary>
    /// The product's searched text: what the search compares with the customer's words. Its hash decides whether the
    /// product's words are rewritten.
    /// </summary>
    private const string SearchedText = """
        concat_ws(' ', p.sku, p.name, p.category, p.description,
            (SELECT string_agg(concat_ws(' ', t.name, t.description), ' ' ORDER BY t.locale) FROM shop.product_translations t WHERE t.product_id = p.id))
        """;

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _gate = new();
    private Task<CatalogRefresh>? _first;
    private bool? _built;

    /// <summary>
    /// Starts this process's first refresh if nothing has, and waits for it when the index is empty (never built): a
    /// search never answers from an index that has not read the catalog. An index an earlier start built answers while
    /// the refresh runs (on a large catalog the first build takes tens of seconds). A failed first refresh is tried
    /// again by the next caller.
    /// </summary>
    public async Task EnsureReadAsync(CancellationToken cancellationToken)
    {
        var first = FirstRefresh();
        if (first.IsCompletedSuccessfully)
        {
            return;
        }

        if (_built ??= await IsBuiltAsync(cancellationToken))
        {
            return;
        }

        // The build runs on its own (tens of seconds on a large catalog): the turn waiting for it lends its share.
        using (WorkBudget.Away())
        {
            await first.WaitAsync(cancellationToken);
        }
    }

    /// <summary>This start's first refresh, begun by whichever comes first (a search or the refresher); what it changed.</summary>
    public Task<CatalogRefresh> FirstRefreshAsync(CancellationToken cancellationToken) => FirstRefresh().WaitAsync(cancellationToken);

    private Task<CatalogRefresh> FirstRefresh()
    {
        lock (_gate)
        {
            if (_first is null || _first.IsFaulted || _first.IsCanceled)
            {
                _first = RefreshAsync(CancellationToken.None);
            }

            return _first;
        }
    }

    /// <summary>Brings the index up to the catalog as it is now; returns what changed.</summary>
    public async Task<CatalogRefresh> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Held by a transaction, so the lock ends with it whatever happens, never left on a pooled connection.
            await using var lockConnection = await state.OpenConnectionAsync(cancellationToken);
            await using var transaction = await lockConnection.BeginTransactionAsync(cancellationToken);
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@AdvisoryLock)", new { AdvisoryLock }, transaction,
                RefreshTimeoutSeconds, cancellationToken: cancellationToken));
            var refresh = await RefreshLockedAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return refresh;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<CatalogRefresh> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var writer = new CatalogIndexWriter(state, RefreshTimeoutSeconds);
        List<long> rewrite = [];
        List<CatalogEntry> update = [];
        List<long> remove = [];
        var products = 0;
        await using (var storeConnection = await shop.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var indexConnection = await state.OpenConnectionAsync(cancellationToken))
        {
            var store = storeConnection.QueryUnbufferedAsync<CatalogEntry>($"""
                SELECT p.id AS product_id, md5({SearchedText}) AS words_hash, p.category, p.price, p.stock
                FROM shop.products p WHERE p.active ORDER BY p.id
                """, commandTimeout: RefreshTimeoutSeconds).GetAsyncEnumerator(cancellationToken);
            var index = indexConnection.QueryUnbufferedAsync<CatalogEntry>(
                "SELECT product_id, words_hash, category, price, stock FROM catalog_entries ORDER BY product_id",
                commandTimeout: RefreshTimeoutSeconds).GetAsyncEnumerator(cancellationToken);
            await using (store)
            await using (index)
            {
                var inStore = await store.MoveNextAsync();
                var inIndex = await index.MoveNextAsync();
                while (inStore || inIndex)
                {
                    if (inStore && (!inIndex || store.Current.ProductId < index.Current.ProductId))
                    {
                        rewrite.Add(store.Current.ProductId);
                        products++;
                        inStore = await store.MoveNextAsync();
                    }
                    else if (!inStore || index.Current.ProductId < store.Current.ProductId)
                    {
                        remove.Add(index.Current.ProductId);
                        inIndex = await index.MoveNextAsync();
                    }
                    else
                    {
                        if (store.Current.WordsHash != index.Current.WordsHash)
                        {
                            rewrite.Add(store.Current.ProductId);
                        }
                        else if (store.Current != index.Current)
                        {
                            update.Add(store.Current);
                        }

                        products++;
                        inStore = await store.MoveNextAsync();
                        inIndex = await index.MoveNextAsync();
                    }
                }
            }
        }

        // Rewriting a tenth of the catalog or more (the first build, an import): rebuilding every posting list once
        // costs less than recording each product's changes.
        if (rewrite.Count + remove.Count > products / 10)
        {
            await writer.RebuildPostingsLaterAsync(cancellationToken);
        }

        foreach (var ids in rewrite.Chunk(Batch))
        {
            await writer.RewriteAsync(await ReadTextsAsync(ids, cancellationToken), cancellationToken);
        }

        foreach (var entries in update.Chunk(Batch))
        {
            await writer.UpdateAsync(entries, cancellationToken);
        }

        foreach (var ids in remove.Chunk(Batch))
        {
            await writer.RemoveAsync(ids, cancellationToken);
        }

        await writer.ApplyPostingChangesAsync(cancellationToken);
        if (rewrite.Count + remove.Count > Math.Max(Batch, products / 10))
        {
            await writer.VacuumAsync(cancellationToken);
        }

        return new CatalogRefresh(rewrite.Count, update.Count, remove.Count);
    }

    private async Task<bool> IsBuiltAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM catalog_entries)", cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<CatalogText>> ReadTextsAsync(long[] ids, CancellationToken cancellationToken)
    {
        await using var connection = await shop.DataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<CatalogText>(new CommandDefinition($"""
            SELECT p.id AS product_id, md5({SearchedText}) AS words_hash, {SearchedText} AS text, p.category, p.price, p.stock
            FROM shop.products p WHERE p.id = ANY(@Ids) AND p.active
            """, new { Ids = ids }, commandTimeout: RefreshTimeoutSeconds, cancellationToken: cancellationToken))).AsList();
    }
}

/// <summary>What a refresh changed: products whose words were (re)written, whose category, price or stock was updated, and removed.</summary>
public sealed record CatalogRefresh(int Rewritten, int Updated, int Removed)
{
    public bool Changed => Rewritten + Updated + Removed > 0;
}

/// <summary>A product as the index keeps it, besides its words.</summary>
public sealed record CatalogEntry(long ProductId, string WordsHash, string? Category, decimal Price, int? Stock);

/// <summary>A product's searched text, read to (re)write its words.</summary>
public sealed record CatalogText(long ProductId, string WordsHash, string Text, string? Category, decimal Price, int? Stock);
