using System.Globalization;
using System.Text.Json;
using Assistant.Engine.Search;
using Assistant.Engine.Store;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.WooCommerce;

/// <summary>
/// <c>Store__Kind=woocommerce</c>: customers, orders and products through the REST API v3. An order is found by the
/// number customers know through WooCommerce's order search (which sequential-number plugins extend), in one call;
/// the catalog by WooCommerce's product search, never paged through. Fetching only: matching a customer to a contact
/// stays with the access rule.
/// </summary>
public sealed class WooCommerceStore(WooCommerceClient woo, WooCommerceShopState shop, IOptionsMonitor<WooCommerceOptions> options) : IOrderStore, IProductCatalog
{
    private const int OrdersPerSearch = 20;
    private const int ProductsPerSearch = 10;
    private const int MaxCustomersListed = 3;

    /// <summary>WooCommerce's largest page.</summary>
    private const int PerPage = 100;

    public async Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken)
    {
        var found = new List<ShopCustomer>();
        if (long.TryParse(externalId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            && await woo.GetAsync($"customers/{id}", Query(), cancellationToken) is { } customer)
        {
            found.Add(WooCommerceOrders.Customer(customer));
        }

        if (email?.Trim() is { Length: > 3 } address && address.Contains('@', StringComparison.Ordinal))
        {
            var list = await woo.GetAsync("customers", Query(("email", address), ("role", "all")), cancellationToken);
            found.AddRange(WooCommerceOrders.Array(list).Select(WooCommerceOrders.Customer)
                .Where(c => string.Equals(c.Email, address, StringComparison.OrdinalIgnoreCase)));
        }

        if (PhoneNumber.Parse(phone)?.Digits is { Length: >= 8 } digits)
        {
            // The customer search does not look at phone numbers; the order search does (the billing phone). A
            // customer is whoever placed an order with the number: one without orders has nothing to read anyway.
            var orders = await woo.GetAsync("orders", Query(("search", digits[^8..]), ("per_page", "20")), cancellationToken);
            found.AddRange(WooCommerceOrders.Array(orders).Select(o => WooCommerceOrders.Order(o).Owner)
                .Where(c => PhoneNumber.Parse(c.Phone)?.Digits is { Length: >= 8 } theirs && theirs[^8..] == digits[^8..]));
        }

        return [.. found.DistinctBy(c => c.Id).Take(20)];
    }

    public async Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var number = orderNumber.Trim().TrimStart('#').Trim();
        if (number.Length is 0 or > 40 || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.'))
        {
            return null;
        }

        var page = WooCommerceOrders.Array(await woo.GetAsync("orders", Query(("search", number), ("per_page", $"{OrdersPerSearch}")), cancellationToken)).ToList();
        var match = page.Select(WooCommerceOrders.Order).FirstOrDefault(o => string.Equals(o.Order.OrderNumber, number, StringComparison.OrdinalIgnoreCase));
        if (match is null && page.Count == OrdersPerSearch && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // A full page may have buried it under orders whose address holds the same digits: ask for it by id.
            match = await woo.GetAsync($"orders/{id}", Query(), cancellationToken) is { } order
                && WooCommerceOrders.Order(order) is var byId && string.Equals(byId.Order.OrderNumber, number, StringComparison.OrdinalIgnoreCase) ? byId : null;
        }

        return match;
    }

    public async Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken)
    {
        var orders = new List<ShopOrderDetails>();
        foreach (var id in customerIds.Where(id => id > 0).Distinct().Take(MaxCustomersListed))
        {
            var list = await woo.GetAsync("orders", Query(("customer", $"{id}"), ("per_page", $"{Math.Clamp(limit, 1, 10)}"), ("orderby", "date"), ("order", "desc")), cancellationToken);
            orders.AddRange(WooCommerceOrders.Array(list).Select(WooCommerceOrders.Order).Where(o => o.Order.CustomerId == id));
        }

        return [.. orders.OrderByDescending(o => o.Order.PlacedAt).Take(limit)];
    }

    public async Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken)
    {
        var words = SearchTerms.Words(query.Text).Where(w => w.Length <= SearchTerms.MaxWordLength).Take(8).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        // WordPress's search wants every word, in one language: all the words, then the longest alone, each first in
        // the shop's language and then in the customer's (a multilingual plugin's translations are products of their own).
        var language = options.CurrentValue.LanguageCode(locale);
        string?[] languages = language is null ? [null] : [null, language];
        var texts = words.Count > 1 ? new[] { string.Join(' ', words), words.MaxBy(w => w.Length)! } : [words[0]];
        var (found, foundIn) = (new List<JsonElement>(), (string?)null);
        foreach (var (text, lang) in texts.SelectMany(t => languages.Select(l => (t, l))))
        {
            found = await SearchProductsAsync(text, lang, query, cancellationToken);
            if (found.Count > 0)
            {
                foundIn = lang;
                break;
            }
        }

        var rows = await RowsAsync([.. found.Where(WooCommerceProducts.IsPublished)], foundIn == language ? null : language, cancellationToken);
        return [.. rows.Where(r => query.Category is null || string.Equals(r.Category, query.Category, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => words.Count(SearchTerms.Words(r.Name).Contains)).Take(limit)];
    }

    public async Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken)
    {
        var wanted = skus.Select(s => s.Trim()).Where(s => s.Length is > 0 and <= 64 && !s.Contains(',', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ids = wanted.Where(s => s.StartsWith('#')).Select(s => s[1..]).Where(s => s.Length > 0 && s.All(char.IsAsciiDigit)).ToList();
        var products = new List<JsonElement>();
        products.AddRange(await ListAsync("sku", [.. wanted.Where(s => !s.StartsWith('#'))], null, cancellationToken));
        products.AddRange(await ListAsync("include", ids, null, cancellationToken));
        var rows = (await RowsAsync([.. products.Where(WooCommerceProducts.IsPublished)], options.CurrentValue.LanguageCode(locale), cancellationToken))
            .GroupBy(r => r.Sku, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return [.. wanted.Where(rows.ContainsKey).Select(s => rows[s])];
    }

    /// <summary>The products as rows, named in <paramref name="language"/> where the shop has them translated (one more call).</summary>
    private async Task<List<ProductRow>> RowsAsync(List<JsonElement> products, string? language, CancellationToken cancellationToken)
    {
        if (products.Count == 0)
        {
            return [];
        }

        var currency = await shop.CurrencyAsync(woo, cancellationToken);
        var rows = products.Select(p => WooCommerceProducts.Row(p, currency)).ToList();
        if (language is null)
        {
            return rows;
        }

        var translated = (await ListAsync("sku", [.. rows.Select(r => r.Sku).Where(s => !s.StartsWith('#'))], language, cancellationToken))
            .Select(p => WooCommerceProducts.Row(p, currency))
            .GroupBy(r => r.Sku, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return [.. rows.Select(r => translated.TryGetValue(r.Sku, out var t) ? r with { Name = t.Name, Description = t.Description ?? r.Description } : r)];
    }

    /// <summary>Products whose <paramref name="filter"/> (<c>sku</c> or <c>include</c>) is one of <paramref name="values"/>, a page at a time.</summary>
    private async Task<List<JsonElement>> ListAsync(string filter, IReadOnlyList<string> values, string? language, CancellationToken cancellationToken)
    {
        var products = new List<JsonElement>();
        foreach (var chunk in values.Chunk(PerPage))
        {
            var query = Query((filter, string.Join(',', chunk)), ("per_page", $"{PerPage}"));
            if (language is not null)
            {
                query["lang"] = language;
            }

            products.AddRange(WooCommerceOrders.Array(await woo.GetAsync("products", query, cancellationToken)));
        }

        return products;
    }

    private async Task<List<JsonElement>> SearchProductsAsync(string text, string? language, ProductQuery query, CancellationToken cancellationToken)
    {
        var parameters = Query(("search", text), ("status", "publish"), ("per_page", $"{ProductsPerSearch}"));
        if (language is not null)
        {
            parameters["lang"] = language;
        }

        if (query.MinPrice is { } min)
        {
            parameters["min_price"] = min.ToString(CultureInfo.InvariantCulture);
        }

        if (query.MaxPrice is { } max)
        {
            parameters["max_price"] = max.ToString(CultureInfo.InvariantCulture);
        }

        return [.. WooCommerceOrders.Array(await woo.GetAsync("products", parameters, cancellationToken))];
    }

    private static Dictionary<string, string> Query(params (string Name, string Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value);
}
