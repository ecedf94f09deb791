using System.Text.Json.Nodes;
using Assistant.Engine.Store;

namespace Assistant.Stores.Shopify;

/// <summary>
/// <c>Store__Kind=shopify</c>: customers, orders and products through the Admin GraphQL API. An order question costs
/// one call (the order with its customer, items, fulfilments and events); the catalog is searched by Shopify's own
/// search, never paged through. Fetching only: matching a customer to a contact stays with the access rule.
/// </summary>
public sealed class ShopifyStore(ShopifyClient shopify, ShopifyShopState shop) : IOrderStore, IProductCatalog
{
    private const int ItemsPerOrder = 30;
    private const int EventsPerFulfilment = 10;
    private const int ProductsPerSearch = 10;

    public async Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken)
    {
        if (ShopifySearch.Customers(externalId, email, phone) is not { } query)
        {
            return [];
        }

        var response = await shopify.QueryAsync(ShopifyQueries.Customers, new JsonObject { ["query"] = query }, cancellationToken);
        var tail = PhoneNumber.Parse(phone)?.Digits is { Length: >= 8 } digits ? digits[^8..] : null;
        // Shopify's search is looser than the port's promise (email is tokenised): only exact matches are returned.
        return [.. ShopifyOrders.Nodes(response.Data.GetProperty("customers")).Select(ShopifyOrders.Customer).Where(c =>
            (externalId is not null && c.ExternalId == externalId.Trim())
            || (email is not null && string.Equals(c.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            || (tail is not null && PhoneNumber.Parse(c.Phone)?.Digits is { Length: >= 8 } theirs && theirs[^8..] == tail))];
    }

    public async Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        if (ShopifySearch.OrderName(orderNumber) is not { } query)
        {
            return null;
        }

        var response = await shopify.QueryAsync(ShopifyQueries.OrdersByName,
            new JsonObject { ["query"] = query, ["items"] = ItemsPerOrder, ["events"] = EventsPerFulfilment }, cancellationToken);
        var wanted = ShopifyOrders.Number(orderNumber);
        return ShopifyOrders.Nodes(response.Data.GetProperty("orders")).Select(ShopifyOrders.Order)
            .FirstOrDefault(o => string.Equals(o.Order.OrderNumber, wanted, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken)
    {
        var ids = customerIds.Where(id => id > 0).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var response = await shopify.QueryAsync(ShopifyQueries.RecentOrders, new JsonObject
        {
            ["query"] = ShopifySearch.OrdersOf(ids),
            ["first"] = Math.Clamp(limit, 1, 10),
            ["items"] = 10,
            ["events"] = 5,
        }, cancellationToken);
        return [.. ShopifyOrders.Nodes(response.Data.GetProperty("orders")).Select(ShopifyOrders.Order).Where(o => ids.Contains(o.Order.CustomerId))];
    }

    public async Task<IReadOnlyList<ProductRow>> SearchAsync(ProductQuery query, string locale, int limit, CancellationToken cancellationToken)
    {
        var (search, words) = ShopifySearch.Products(query);
        var response = await QueryProductsAsync(ShopifyQueries.SearchProducts, search, ProductsPerSearch, locale, cancellationToken);
        var currency = response.Data.GetProperty("shop").GetProperty("currencyCode").GetString() ?? string.Empty;
        return [.. ShopifyOrders.Nodes(response.Data.GetProperty("products")).Where(ShopifyProducts.IsActive)
            .SelectMany(p => ShopifyProducts.Rows(p, currency, words))
            .Where(r => (query.Category is null || string.Equals(r.Category, query.Category, StringComparison.OrdinalIgnoreCase))
                && (query.MinPrice is null || r.Price >= query.MinPrice) && (query.MaxPrice is null || r.Price <= query.MaxPrice))
            .Take(limit)];
    }

    public async Task<IReadOnlyList<ProductRow>> GetAsync(IReadOnlyList<string> skus, string locale, CancellationToken cancellationToken)
    {
        var wanted = skus.Select(s => s.Trim()).Where(s => s.Length is > 0 and <= 64).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var response = await QueryProductsAsync(ShopifyQueries.Variants, ShopifySearch.Variants(wanted), wanted.Count * 2, locale, cancellationToken);
        var currency = response.Data.GetProperty("shop").GetProperty("currencyCode").GetString() ?? string.Empty;
        var rows = ShopifyOrders.Nodes(response.Data.GetProperty("productVariants"))
            .Where(v => ShopifyProducts.IsActive(v.GetProperty("product")))
            .Select(v => ShopifyProducts.Row(v.GetProperty("product"), v, currency))
            .GroupBy(r => r.Sku, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return [.. wanted.Where(rows.ContainsKey).Select(s => rows[s])];
    }

    private async Task<ShopifyResponse> QueryProductsAsync(string query, string search, int first, string locale, CancellationToken cancellationToken)
    {
        JsonObject Variables(bool translate) => new() { ["query"] = search, ["first"] = first, ["locale"] = locale, ["translate"] = translate };

        var translate = !shop.TranslationsDenied && !locale.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var response = await shopify.QueryAsync(query, Variables(translate), cancellationToken);
        if (response.TranslationsDenied)
        {
            shop.TranslationsDenied = true;
            response = await shopify.QueryAsync(query, Variables(false), cancellationToken);
        }

        return response;
    }
}
