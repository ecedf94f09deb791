namespace Assistant.Engine.Store;

/// <summary>The store's active products, as the tools see them whatever the store runs on (<c>Store__Kind</c>).</summary>
public interface IProductCatalog
{
    /// <summary>
    /// The products the query's words find in any of the catalog's languages, best first, named in
    /// <paramref name="locale"/> where the store has a translation; at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken);

    /// <summary>Active products by SKU (case-insensitive), in the order asked; unknown or withdrawn ones left out.</summary>
    Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken);
}
