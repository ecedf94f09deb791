using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>
/// The ranked products' entries in the index (stock, and whether the query's filters pass them), read a block at a
/// time from the product asked for on, each block four times the last: the top of the list costs one read, and a
/// filter that few products pass a handful.
/// </summary>
internal sealed class CandidateEntries(NpgsqlConnection connection, DynamicParameters query, int firstBlock)
{
    private const int LargestBlock = 1 << 16;

    private readonly Dictionary<long, CandidateEntry> _read = [];
    private int _readTo;
    private int _block = firstBlock;

    /// <summary>The entry of the product at <paramref name="index"/>; null when it has left the index since its words were listed.</summary>
    public async Task<CandidateEntry?> ReadAsync(ScoredProducts ranked, int index, CancellationToken cancellationToken)
    {
        if (index >= _readTo)
        {
            _readTo = (int)Math.Min(ranked.Count, (long)index + _block);
            _block = Math.Min(_block, LargestBlock / 4) * 4;
            query.Add("Ids", ranked.Ids(index, _readTo));
            foreach (var entry in await connection.QueryAsync<CandidateEntry>(new CommandDefinition(Read, query, cancellationToken: cancellationToken)))
            {
                _read[entry.ProductId] = entry;
            }
        }

        return _read.GetValueOrDefault(ranked.Id(index));
    }

    private const string Read = $"""
        SELECT e.product_id, e.stock IS NOT DISTINCT FROM 0 AS out_of_stock, {CatalogRanking.Filters} AS passes
        FROM catalog_entries e WHERE e.product_id = ANY(@Ids)
        """;
}

internal sealed record CandidateEntry(long ProductId, bool OutOfStock, bool Passes);
