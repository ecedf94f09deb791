using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Catalog;

[Description("Finds the store's products.")]
public sealed class CatalogPlugin(CatalogService catalog)
{
    public const string PluginName = "Catalog";

    [KernelFunction]
    [Description("Searches products by keywords in any language (typos ok). Returns up to 5 with SKU, price and stock (null: not tracked).")]
    public async Task<IReadOnlyList<ProductView>> SearchProductsAsync(
        [Description("Keywords, e.g. rain jacket L, 围巾.")] string query,
        [Description("Highest price, if the customer gave one.")] decimal? maxPrice = null,
        CancellationToken cancellationToken = default) =>
        await catalog.SearchAsync(new ProductQuery(query, MaxPrice: maxPrice), cancellationToken);

    [KernelFunction]
    [Description("Gets products by SKU with current price and stock.")]
    public async Task<IReadOnlyList<ProductView>> GetProductsAsync(string[] skus, CancellationToken cancellationToken = default) =>
        await catalog.GetAsync(skus, cancellationToken);
}
