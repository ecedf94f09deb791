using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Tests.Infrastructure.Shopify;

/// <summary>
/// The order actions' side of the fake shop, as Shopify documents them: <c>orderCancel</c> answers with a job and
/// <c>orderCancelUserErrors</c> (an order already cancelled or fulfilled is refused), <c>returnRequest</c> adds a
/// <c>REQUESTED</c> return, <c>orderUpdate</c> replaces the shipping address; and on demand a refusal, or a write
/// carried out whose answer is lost (a 503 after the fact).
/// </summary>
public sealed partial class FakeShopify
{
    /// <summary>Every mutation refused with this user error.</summary>
    public string? RefuseWrites { get; set; }

    /// <summary>The next mutations carried out, but answered with a 503 (the answer lost on the way).</summary>
    public int WritesAnsweredUnavailable { get; set; }

    /// <summary>Cancellations stay in their background job: accepted, but the order does not show them yet.</summary>
    public bool CancelJobsLag { get; set; }

    /// <summary>The next mutations answered with a 503 before Shopify did anything.</summary>
    public int WritesFailedUnavailable { get; set; }

    public IReadOnlyList<RecordedRequest> Mutations => [.. Queries.Where(q => q.Json.GetProperty("query").GetString()!.TrimStart().StartsWith("mutation", StringComparison.Ordinal))];

    private FakeResponse? Action(string operation, JsonElement variables)
    {
        if (operation is "CancelOrder" or "RequestReturn" or "UpdateShippingAddress" && WritesFailedUnavailable > 0)
        {
            WritesFailedUnavailable--;
            return FakeResponse.Error(HttpStatusCode.ServiceUnavailable, """{"errors":"Service Unavailable"}""");
        }

        JsonObject? data = operation switch
        {
            "OrderForAction" => new JsonObject { ["order"] = OrderByGid(variables.GetProperty("id").GetString())?.DeepClone() },
            "CancelOrder" => new JsonObject { ["orderCancel"] = Cancel(variables) },
            "RequestReturn" => new JsonObject { ["returnRequest"] = RequestReturn(variables.GetProperty("input")) },
            "UpdateShippingAddress" => new JsonObject { ["orderUpdate"] = UpdateAddress(variables.GetProperty("input")) },
            _ => null,
        };
        if (data is null)
        {
            return null;
        }

        if (operation != "OrderForAction" && WritesAnsweredUnavailable > 0)
        {
            WritesAnsweredUnavailable--;
            return FakeResponse.Error(HttpStatusCode.ServiceUnavailable, """{"errors":"Service Unavailable"}""");
        }

        return FakeResponse.Json(new JsonObject { ["data"] = data, ["extensions"] = Cost(12, 10, Maximum - 12) }.ToJsonString());
    }

    private JsonObject Cancel(JsonElement variables)
    {
        var order = OrderByGid(variables.GetProperty("id").GetString());
        var refusal = RefuseWrites
            ?? (order is null ? "Order does not exist" : null)
            ?? (order!["cancelledAt"] is not null ? "Cannot cancel an order that has already been cancelled" : null)
            ?? (order["displayFulfillmentStatus"]!.GetValue<string>() == "FULFILLED" ? "Cannot cancel a fulfilled order" : null);
        if (refusal is null && !CancelJobsLag)
        {
            order!["cancelledAt"] = DateTimeOffset.UtcNow.ToString("O");
            order["displayFinancialStatus"] = "REFUNDED";
        }

        return new JsonObject
        {
            ["job"] = refusal is null ? new JsonObject { ["id"] = "gid://shopify/Job/1", ["done"] = false } : null,
            ["orderCancelUserErrors"] = Errors(refusal, "INVALID"),
        };
    }

    private JsonObject RequestReturn(JsonElement input)
    {
        var order = OrderByGid(input.GetProperty("orderId").GetString());
        var refusal = RefuseWrites ?? (order is null ? "Order does not exist" : null)
            ?? (input.GetProperty("returnLineItems").GetArrayLength() == 0 ? "Return line items can't be blank" : null);
        JsonObject? created = null;
        if (refusal is null)
        {
            var returns = order!["returns"]!["nodes"]!.AsArray();
            created = new JsonObject { ["name"] = $"{order["name"]}-R{returns.Count + 1}", ["status"] = "REQUESTED" };
            returns.Add(created.DeepClone());
        }

        return new JsonObject { ["return"] = created, ["userErrors"] = Errors(refusal, "INVALID") };
    }

    private JsonObject UpdateAddress(JsonElement input)
    {
        var order = OrderByGid(input.GetProperty("id").GetString());
        var refusal = RefuseWrites ?? (order is null ? "Order does not exist" : null);
        if (refusal is null)
        {
            var address = input.GetProperty("shippingAddress");
            order!["shippingAddress"] = new JsonObject
            {
                ["address1"] = address.GetProperty("address1").GetString(),
                ["address2"] = address.TryGetProperty("address2", out var line2) ? line2.GetString() : null,
                ["city"] = address.GetProperty("city").GetString(),
                ["province"] = address.TryGetProperty("province", out var province) ? province.GetString() : null,
                ["zip"] = address.GetProperty("zip").GetString(),
                ["countryCodeV2"] = address.GetProperty("countryCode").GetString(),
            };
        }

        return new JsonObject { ["order"] = refusal is null ? new JsonObject { ["legacyResourceId"] = order!["legacyResourceId"]!.DeepClone() } : null, ["userErrors"] = Errors(refusal, null) };
    }

    private JsonObject? OrderByGid(string? gid) =>
        Orders.FirstOrDefault(o => $"gid://shopify/Order/{o["legacyResourceId"]}" == gid);

    private static JsonArray Errors(string? message, string? code) =>
        message is null ? [] : [new JsonObject { ["code"] = code, ["field"] = new JsonArray("id"), ["message"] = message }];
}
