using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Assistant.Tests.Infrastructure.Shopify;

/// <summary>
/// A Shopify shop's Admin GraphQL endpoint as the adapter meets it: the access token checked (401 with Shopify's
/// body), the adapter's operations answered from the shop's customers, orders and products with Shopify's search
/// syntax, every answer carrying <c>extensions.cost</c>, and on demand <c>THROTTLED</c>, a 5xx, or the
/// <c>ACCESS_DENIED</c> a token without <c>read_translations</c> gets (which voids the whole answer).
/// </summary>
public sealed partial class FakeShopify : FakeHttpServer
{
    public const string AccessToken = "shpat_fake0123456789abcdef0123456789";
    public const string ApiVersion = "2026-10";
    public const string Path = $"/admin/api/{ApiVersion}/graphql.json";
    private const double Maximum = 2000;
    private const double RestoreRate = 100;

    public FakeShopify() => OnAsync("POST", Path, request => Task.FromResult(Answer(request)));

    public List<JsonObject> Customers { get; } = [];

    public List<JsonObject> Orders { get; } = [];

    public List<JsonObject> Products { get; } = [];

    public string Currency { get; set; } = "USD";

    public List<string> Scopes { get; } = ["read_orders", "read_customers", "read_products", "read_translations"];

    /// <summary>The next answers refused as <c>THROTTLED</c>, with this much left in the bucket.</summary>
    public int ThrottledAnswers { get; set; }

    public double ThrottledAvailable { get; set; } = 50;

    /// <summary>The next answers a 503, as Shopify answers during an incident.</summary>
    public int Unavailable { get; set; }

    public IReadOnlyList<RecordedRequest> Queries => RequestsTo("POST", Path);

    public static string Operation(RecordedRequest request) =>
        OperationName().Match(request.Json.GetProperty("query").GetString() ?? string.Empty).Groups[1].Value;

    private FakeResponse Answer(RecordedRequest request)
    {
        if (request.Header("X-Shopify-Access-Token") != AccessToken)
        {
            return FakeResponse.Error(HttpStatusCode.Unauthorized, """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""");
        }

        if (Unavailable > 0)
        {
            Unavailable--;
            return FakeResponse.Error(HttpStatusCode.ServiceUnavailable, """{"errors":"Service Unavailable"}""");
        }

        var body = request.Json;
        var variables = body.TryGetProperty("variables", out var v) ? v : default;
        var operation = Operation(request);
        var cost = operation is "SearchProducts" or "Variants" ? 452 : 252;
        if (ThrottledAnswers > 0)
        {
            ThrottledAnswers--;
            return FakeResponse.Json(new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "Throttled",
                    ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" },
                }),
                ["extensions"] = Cost(cost, null, ThrottledAvailable),
            }.ToJsonString());
        }

        var translate = variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty("translate", out var t) && t.GetBoolean();
        if (translate && !Scopes.Contains("read_translations"))
        {
            return FakeResponse.Json(new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "Access denied for translations field. Required access: `read_translations` access scope.",
                    ["path"] = new JsonArray(operation == "Variants" ? "productVariants" : "products", "nodes", 0, "translations"),
                    ["extensions"] = new JsonObject { ["code"] = "ACCESS_DENIED", ["requiredAccess"] = "`read_translations` access scope." },
                }),
                ["data"] = null,
                ["extensions"] = Cost(cost, cost, Maximum - cost),
            }.ToJsonString());
        }

        if (Action(operation, variables) is { } action)
        {
            return action;
        }

        var data = operation switch
        {
            "OrdersByName" => new JsonObject { ["orders"] = Nodes(Find(Orders, Str(variables, "query"), OrderTerm).Take(3)) },
            "RecentOrders" => new JsonObject
            {
                ["orders"] = Nodes(Find(Orders, Str(variables, "query"), OrderTerm)
                    .OrderByDescending(o => o["processedAt"]!.GetValue<string>(), StringComparer.Ordinal).Take(Int(variables, "first"))),
            },
            "Customers" => new JsonObject { ["customers"] = Nodes(Find(Customers, Str(variables, "query"), CustomerTerm).Take(20)) },
            "SearchProducts" => new JsonObject
            {
                ["shop"] = new JsonObject { ["currencyCode"] = Currency },
                ["products"] = Nodes(Ranked(Find(Products, Str(variables, "query"), ProductTerm), Str(variables, "query"))
                    .Take(Int(variables, "first")).Select(p => ProductNode(p, translate ? Str(variables, "locale") : null, withVariants: true))),
            },
            "Variants" => new JsonObject
            {
                ["shop"] = new JsonObject { ["currencyCode"] = Currency },
                ["productVariants"] = Nodes(Products.SelectMany(p => p["variants"]!["nodes"]!.AsArray().Select(n => (Product: p, Variant: n!.AsObject())))
                    .Where(pv => ShopifySearchFilter.Matches(Str(variables, "query"), (field, value) => VariantTerm(pv.Variant, field, value)))
                    .Take(Int(variables, "first"))
                    .Select(pv => WithProduct(pv.Variant, ProductNode(pv.Product, translate ? Str(variables, "locale") : null, withVariants: false)))),
            },
            "Setup" => new JsonObject
            {
                ["shop"] = new JsonObject { ["name"] = "Acme Outfitters", ["currencyCode"] = Currency, ["myshopifyDomain"] = "acme.myshopify.com" },
                ["currentAppInstallation"] = new JsonObject { ["accessScopes"] = new JsonArray([.. Scopes.Select(s => (JsonNode)new JsonObject { ["handle"] = s })]) },
            },
            _ => throw new InvalidOperationException($"The fake Shopify does not know the operation '{operation}'."),
        };
        return FakeResponse.Json(new JsonObject { ["data"] = data, ["extensions"] = Cost(cost, cost - 40, Maximum - cost) }.ToJsonString());
    }

    private static IEnumerable<JsonObject> Find(IEnumerable<JsonObject> items, string query, Func<JsonObject, string?, string, bool> term) =>
        items.Where(item => ShopifySearchFilter.Matches(query, (field, value) => term(item, field, value)));

    private static bool OrderTerm(JsonObject order, string? field, string value) => field switch
    {
        "name" => string.Equals(order["name"]!.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase),
        "customer_id" => order["customer"] is JsonObject customer && customer["legacyResourceId"]!.GetValue<string>() == value,
        _ => throw new InvalidOperationException($"The fake Shopify does not filter orders by '{field}'."),
    };

    private static bool CustomerTerm(JsonObject customer, string? field, string value) => field switch
    {
        "id" => customer["legacyResourceId"]!.GetValue<string>() == value,
        // Email is a tokenised field in Shopify: a quoted address is a phrase, matched whole.
        "email" => customer["defaultEmailAddress"]?["emailAddress"]?.GetValue<string>() is { } email && string.Equals(email, value, StringComparison.OrdinalIgnoreCase),
        "phone" => customer["defaultPhoneNumber"]?["phoneNumber"]?.GetValue<string>() == value,
        _ => throw new InvalidOperationException($"The fake Shopify does not filter customers by '{field}'."),
    };

    private static bool ProductTerm(JsonObject product, string? field, string value) => field switch
    {
        "status" => string.Equals(product["status"]!.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase),
        null => Words(product).Contains(value.ToLowerInvariant()),
        _ => throw new InvalidOperationException($"The fake Shopify does not filter products by '{field}'."),
    };

    private static bool VariantTerm(JsonObject variant, string? field, string value) => field switch
    {
        "sku" => string.Equals(variant["sku"]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase),
        "id" => variant["legacyResourceId"]!.GetValue<string>() == value,
        _ => throw new InvalidOperationException($"The fake Shopify does not filter variants by '{field}'."),
    };

    /// <summary>Shopify's default search matches words of a product's title, type, description, variants and translations; more matched words rank first.</summary>
    private static IEnumerable<JsonObject> Ranked(IEnumerable<JsonObject> products, string query)
    {
        var words = ShopifySearchFilter.Words(query).Select(w => w.ToLowerInvariant()).ToList();
        return products.OrderByDescending(p => words.Count(Words(p).Contains)).ThenBy(p => long.Parse(p["legacyResourceId"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A product's search words, worked out once: a 10,000-product shop is searched many times a test.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, HashSet<string>> Indexed = [];

    private static HashSet<string> Words(JsonObject product) => Indexed.GetValue(product, Index);

    private static HashSet<string> Index(JsonObject product)
    {
        var text = string.Join(' ', product["title"], product["productType"], product["description"],
            string.Join(' ', product["variants"]!["nodes"]!.AsArray().Select(v => $"{v!["sku"]} {v["title"]}")),
            string.Join(' ', product["translationsByLocale"]!.AsObject().SelectMany(l => l.Value!.AsArray().Select(t => t!["value"]?.ToString()))));
        var folded = Assistant.Engine.Search.SearchTerms.Words(text).Concat(Assistant.Engine.Search.SearchTerms.Words(text.ToLowerInvariant()));
        return [.. folded.Concat(Assistant.Engine.Search.SearchTerms.SearchableBigrams(text)), .. text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static JsonObject ProductNode(JsonObject product, string? locale, bool withVariants)
    {
        var node = new JsonObject();
        foreach (var (key, value) in product)
        {
            if (key is not ("translationsByLocale" or "currency") && (withVariants || key != "variants"))
            {
                node[key] = value?.DeepClone();
            }
        }

        if (locale is not null)
        {
            node["translations"] = product["translationsByLocale"]![locale]?.DeepClone() ?? new JsonArray();
        }

        return node;
    }

    private static JsonObject WithProduct(JsonObject variant, JsonObject product)
    {
        var node = variant.DeepClone().AsObject();
        node["product"] = product;
        return node;
    }

    private static JsonObject Nodes(IEnumerable<JsonObject> nodes) => new() { ["nodes"] = new JsonArray([.. nodes.Select(n => n.DeepClone())]) };

    private static JsonObject Cost(int requested, int? actual, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject { ["maximumAvailable"] = Maximum, ["currentlyAvailable"] = available, ["restoreRate"] = RestoreRate },
        },
    };

    private static string Str(JsonElement variables, string name) => variables.GetProperty(name).GetString()!;

    private static int Int(JsonElement variables, string name) => variables.GetProperty(name).GetInt32();

    [GeneratedRegex(@"^\s*(?:query|mutation)\s+(\w+)")]
    private static partial Regex OperationName();
}
