using System.ComponentModel.DataAnnotations;

namespace Assistant.Stores.Postgres.CatalogSearch;

/// <summary>The PostgreSQL catalog's search index (<c>Catalog__*</c>).</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// How often the index reads the catalog for changes: a product added or renamed is found by its new words at most
    /// this long after. Price and stock are read from the store whenever a product is shown. Each refresh reads one
    /// hash per product (about half a second of database time per 100,000 products) and rewrites only what changed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromMinutes(1);
}
