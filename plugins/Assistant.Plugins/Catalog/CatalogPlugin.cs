using System.ComponentModel;
using Assistant.Engine.Store;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Catalog;

[Description("Finds the store's products.")]
public sealed class CatalogPlugin(CatalogService catalog)
{
    public const string PluginName = "Catalog";

    [KernelFunction]
    [Description("Finds products by keywords or SKU, any language, typos ok. Up to 5, with price and stock (null: untracked).")]
    public async Task<IReadOnlyList<ProductView>> SearchProductsAsync(
        [Description("Keywords, e.g. rain jacket L, 围巾.")] string query,
        [Description("Highest price, if the customer gave one.")] decimal? maxPrice = null,
        CancellationToken cancellationToken = default) =>
        await catalog.SearchAsync(new ProductQuery(query, MaxPrice: maxPrice), cancellationToken);
}
