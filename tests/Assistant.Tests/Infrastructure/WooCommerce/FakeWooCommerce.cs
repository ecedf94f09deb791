using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Assistant.Tests.Infrastructure.WooCommerce;

/// <summary>
/// A WordPress site's WooCommerce REST API v3 as the adapter meets it: HTTP Basic authentication with the consumer key
/// and secret (401 <c>woocommerce_rest_authentication_error</c>), a key whose user may not read a resource (401
/// <c>woocommerce_rest_cannot_view</c>), 404 <c>…_invalid_id</c> for a missing resource, a host's HTML 503 on demand;
/// orders found by WooCommerce's order search (id, the number a sequential-number plugin adds, the billing details),
/// products by WordPress's search (every word, ignoring case and accents) and by SKU.
/// </summary>
public sealed partial class FakeWooCommerce : FakeHttpServer
{
    public const string ConsumerKey = "ck_fake0123456789abcdef0123456789abcdef01";
    public const string ConsumerSecret = "cs_fake0123456789abcdef0123456789abcdef01";
    private const string Api = "/wp-json/wc/v3/";

    public FakeWooCommerce() => OnAnyUnder(Api + "*", Answer);

    public List<JsonObject> Customers { get; } = [];

    public List<JsonObject> Orders { get; } = [];

    public List<JsonObject> Products { get; } = [];

    public string Currency { get; set; } = "USD";

    /// <summary>
    /// A multilingual plugin's (WPML's) translations by product id and language code: each is a product of its own
    /// (another id, the same SKU), listed only when the request asks for its language with <c>lang</c>.
    /// </summary>
    public Dictionary<long, Dictionary<string, (string Name, string? Description)>> Translations { get; } = [];

    /// <summary>Resources the key's user may not read (<c>orders</c>, <c>customers</c>, <c>products</c>).</summary>
    public HashSet<string> Denied { get; } = [];

    /// <summary>The next answers a host's 503 page.</summary>
    public int Unavailable { get; set; }

    public IReadOnlyList<RecordedRequest> Calls => [.. Requests.Where(r => r.Path.StartsWith(Api, StringComparison.Ordinal))];

    private FakeResponse Answer(RecordedRequest request)
    {
        if (request.Header("Authorization") != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ConsumerKey}:{ConsumerSecret}")))
        {
            return Error(HttpStatusCode.Unauthorized, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }

        if (Unavailable > 0)
        {
            Unavailable--;
            return FakeResponse.Error(HttpStatusCode.ServiceUnavailable, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
        }

        var path = request.Path[Api.Length..].Split('/');
        var query = HttpUtility.ParseQueryString(request.Query);
        if (request.Method != "GET")
        {
            return Write(request, path);
        }

        if (Denied.Contains(path[0]))
        {
            return Error(HttpStatusCode.Unauthorized, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        }

        return path switch
        {
            ["customers"] => List(Customers.Where(c => query["email"] is not { } email || string.Equals(c["email"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase))
                .Where(c => query["role"] == "all" || c["role"]!.GetValue<string>() == "customer"), query),
            ["customers", var id] => One(Customers, id, "woocommerce_rest_invalid_id", "Invalid resource ID."),
            ["orders"] => List(Orders
                .Where(o => query["search"] is not { } term || OrderFound(o, term))
                .Where(o => query["customer"] is not { } customer || o["customer_id"]!.ToString() == customer)
                .OrderByDescending(o => o["date_created_gmt"]!.GetValue<string>(), StringComparer.Ordinal), query),
            ["orders", var id] => One(Orders, id, "woocommerce_rest_shop_order_invalid_id", "Invalid ID."),
            ["orders", var id, "notes"] => FakeResponse.Json(new JsonArray([.. NotesOf(id).Select(n => n.DeepClone())]).ToJsonString()),
            ["products"] => List(InLanguage(query["lang"])
                .Where(p => query["status"] is not { } status || status == "any" || p["status"]!.GetValue<string>() == status)
                .Where(p => query["search"] is not { } text || ProductFound(p, text))
                .Where(p => query["sku"] is not { } skus || skus.Split(',').Contains(p["sku"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase))
                .Where(p => query["include"] is not { } ids || ids.Split(',').Contains(p["id"]!.ToString()))
                .Where(p => query["min_price"] is not { } min || Price(p) >= decimal.Parse(min, CultureInfo.InvariantCulture))
                .Where(p => query["max_price"] is not { } max || Price(p) <= decimal.Parse(max, CultureInfo.InvariantCulture))
                .OrderByDescending(p => p["id"]!.GetValue<long>()), query),
            ["data", "currencies", "current"] => FakeResponse.Json(new JsonObject { ["code"] = Currency, ["name"] = Currency, ["symbol"] = Currency }.ToJsonString()),
            _ => Error(HttpStatusCode.NotFound, "rest_no_route", "No route was found matching the URL and request method."),
        };
    }

    private IEnumerable<JsonObject> InLanguage(string? language) => language is null ? Products
        : Products.Where(p => Translations.GetValueOrDefault(p["id"]!.GetValue<long>())?.ContainsKey(language) == true).Select(p =>
        {
            var (name, description) = Translations[p["id"]!.GetValue<long>()][language];
            var translated = p.DeepClone().AsObject();
            translated["id"] = p["id"]!.GetValue<long>() + 100_000;
            translated["name"] = name;
            translated["description"] = description is null ? p["description"]!.DeepClone() : $"<p>{WebUtility.HtmlEncode(description)}</p>";
            return translated;
        });

    /// <summary>WooCommerce's order search: the id, the number (a sequential-number plugin adds it), or the billing details holding the text.</summary>
    private static bool OrderFound(JsonObject order, string term)
    {
        var billing = order["billing"]!.AsObject();
        var index = string.Join(' ', billing.Select(b => b.Value?.ToString()));
        return order["id"]!.ToString() == term || string.Equals(order["number"]!.GetValue<string>(), term, StringComparison.OrdinalIgnoreCase)
            || index.Contains(term, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// WordPress's search: every word in the title, excerpt or content, compared as MySQL's Unicode collation does (case,
    /// accents and width ignored), here by the Unicode collation ICU implements rather than by the code under test.
    /// </summary>
    private static bool ProductFound(JsonObject product, string text)
    {
        var haystack = $"{product["name"]} {product["short_description"]} {product["description"]}";
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => CultureInfo.InvariantCulture.CompareInfo.IndexOf(
            haystack, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreWidth) >= 0);
    }

    private static decimal Price(JsonObject product) => decimal.Parse(product["price"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static FakeResponse List(IEnumerable<JsonObject> items, System.Collections.Specialized.NameValueCollection query)
    {
        var perPage = int.Parse(query["per_page"] ?? "10", CultureInfo.InvariantCulture);
        return FakeResponse.Json(new JsonArray([.. items.Take(perPage).Select(i => i.DeepClone())]).ToJsonString());
    }

    private static FakeResponse One(IEnumerable<JsonObject> items, string id, string code, string message) =>
        items.FirstOrDefault(i => i["id"]!.ToString() == id) is { } item ? FakeResponse.Json(item.ToJsonString()) : Error(HttpStatusCode.NotFound, code, message);

    internal static FakeResponse Error(HttpStatusCode status, string code, string message) =>
        FakeResponse.Error(status, new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = (int)status } }.ToJsonString());
}
