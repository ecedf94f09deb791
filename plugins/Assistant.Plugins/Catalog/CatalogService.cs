using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Microsoft.Extensions.Options;

namespace Assistant.Plugins.Catalog;

/// <summary>Product look-ups for this turn, in the customer's language; shared by the tools and the replies.</summary>
public sealed class CatalogService(IProductCatalog catalog, TurnContext turn, PromptLibrary prompts, IOptionsSnapshot<StoreOptions> store)
{
    public const int MaxResults = 5;

    /// <summary>Stock at or below this reads "only N left", so the customer knows to hurry.</summary>
    public const int FewLeft = 3;

    public LocaleTexts Texts => prompts.Texts(turn.Language);

    public async Task<IReadOnlyList<ProductView>> SearchAsync(ProductQuery query, CancellationToken cancellationToken) =>
        View(Safe(await catalog.SearchAsync(query, turn.Language, MaxResults, cancellationToken)));

    /// <summary>The products the customer's words find, as rows to show (the offline router's product answer).</summary>
    public async Task<IReadOnlyList<ProductRow>> FindAsync(string words, CancellationToken cancellationToken) =>
        Safe(await catalog.SearchAsync(new ProductQuery(words), turn.Language, MaxResults, cancellationToken));

    /// <summary>The products, read now, in the order asked; unknown or withdrawn SKUs are left out.</summary>
    public async Task<IReadOnlyList<ProductRow>> RowsAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        Safe(await catalog.GetAsync([.. skus.Take(MaxResults)], turn.Language, cancellationToken));

    public string Availability(ProductRow product) => product.Stock switch
    {
        null => Texts["product.in_stock"],
        <= 0 => Texts["product.out_of_stock"],
        <= FewLeft => Texts.Get("product.few_left", ("count", product.Stock)),
        _ => Texts["product.in_stock"],
    };

    /// <summary>Only links fit to show a customer (<see cref="StoreLinks"/>); a product without one is shown without it.</summary>
    private List<ProductRow> Safe(IReadOnlyList<ProductRow> rows) =>
        [.. rows.Select(r => r with { Url = StoreLinks.Safe(r.Url, store.Value.AllowHttpLinks), ImageUrl = StoreLinks.Safe(r.ImageUrl, store.Value.AllowHttpLinks) })];

    private List<ProductView> View(IReadOnlyList<ProductRow> rows) =>
        [.. rows.Select(r => new ProductView(r.Sku, r.Name, r.Category, Texts.Money(r.Price, r.Currency), r.Stock, r.Description, r.Url))];
}

/// <summary>A product as the tools return it to the model.</summary>
/// <param name="Stock">Units in stock; null when the store does not track it (always available).</param>
public sealed record ProductView(string Sku, string Name, string? Category, string Price, int? Stock, string? Description, string? Link);
