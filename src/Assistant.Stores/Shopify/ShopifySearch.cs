using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Engine.Search;
using Assistant.Engine.Store;

namespace Assistant.Stores.Shopify;

/// <summary>
/// The search strings the adapter gives Shopify's <c>query</c> arguments. Only letters, digits and a few marks an order
/// number or email may hold ever reach them, each value quoted, so a customer's words cannot change the search.
/// </summary>
public static partial class ShopifySearch
{
    /// <summary>An order by its name, with and without Shopify's <c>#</c>; null for text no order name could be.</summary>
    public static string? OrderName(string orderNumber)
    {
        var number = ShopifyOrders.Number(orderNumber);
        return OrderNumberShape().IsMatch(number) ? $"name:\"#{number}\" OR name:\"{number}\"" : null;
    }

    /// <summary>Customers by id (a store-signed identity), email or phone; null when none is given in a usable form.</summary>
    public static string? Customers(string? externalId, string? email, string? phone)
    {
        var terms = new List<string>();
        if (long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            terms.Add($"id:{id}");
        }

        if (email?.Trim() is { Length: > 0 } address && EmailShape().IsMatch(address))
        {
            terms.Add($"email:\"{address}\"");
        }

        if (PhoneNumber.Parse(phone) is { } number)
        {
            terms.Add($"phone:\"{(number.International ? "+" : string.Empty)}{number.Digits}\"");
        }

        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    /// <summary>Orders of these customers.</summary>
    public static string OrdersOf(IEnumerable<long> customerIds) =>
        string.Join(" OR ", customerIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"customer_id:{id}")));

    /// <summary>Active products matching any of the words (folded, and as written, for shops whose search keeps accents).</summary>
    public static (string Query, IReadOnlyList<string> Words) Products(ProductQuery query)
    {
        var words = SearchTerms.SearchableWords(query.Text)
            .Concat(SearchTerms.Words(query.Text.ToLowerInvariant()).Where(w => w.Length <= SearchTerms.MaxWordLength).Take(SearchTerms.MaxTerms))
            .Concat(SearchTerms.SearchableBigrams(query.Text))
            .Where(w => w.All(char.IsLetterOrDigit))
            .Distinct().ToList();
        var text = words.Count == 0 ? string.Empty : $" AND ({string.Join(" OR ", words.Select(w => $"\"{w}\""))})";
        return ("status:active" + text, words);
    }

    /// <summary>Variants by SKU (quoted) or, for one known by <c>#</c> and its id, by id.</summary>
    public static string Variants(IEnumerable<string> skus) =>
        string.Join(" OR ", skus.Select(s => s.StartsWith('#') && long.TryParse(s[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? string.Create(CultureInfo.InvariantCulture, $"id:{id}")
            : $"sku:\"{Quoted(s)}\""));

    private static string Quoted(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$")]
    private static partial Regex OrderNumberShape();

    [GeneratedRegex(@"^[^\s""'\\():]{1,64}@[^\s""'\\():]{1,255}$")]
    private static partial Regex EmailShape();
}
