using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Tests.Infrastructure.WooCommerce;

/// <summary>
/// Writes as WooCommerce takes them: <c>PUT orders/{id}</c> with a new <c>status</c> or <c>shipping</c> (answered
/// with the whole order), <c>POST orders/{id}/notes</c> (201 with the note); a Read-only key's 401
/// <c>woocommerce_rest_cannot_edit</c>; and on demand a refusal, or a write carried out whose answer is lost.
/// </summary>
public sealed partial class FakeWooCommerce
{
    private readonly Dictionary<string, List<JsonObject>> _notes = [];

    /// <summary>Every write refused with a 400 and this message.</summary>
    public string? RefuseWrites { get; set; }

    /// <summary>The key is Read-only: writes get WooCommerce's 401.</summary>
    public bool ReadOnlyKey { get; set; }

    /// <summary>The next writes carried out, but answered with the host's 503 page.</summary>
    public int WritesAnsweredUnavailable { get; set; }

    public IReadOnlyList<RecordedRequest> Writes => [.. Calls.Where(c => c.Method != "GET")];

    public IReadOnlyList<JsonObject> NotesOf(string orderId) => _notes.GetValueOrDefault(orderId) ?? [];

    private FakeResponse Write(RecordedRequest request, string[] path)
    {
        if (ReadOnlyKey)
        {
            return Error(HttpStatusCode.Unauthorized, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.");
        }

        if (RefuseWrites is { } refusal)
        {
            return Error(HttpStatusCode.BadRequest, "woocommerce_rest_shop_order_invalid", refusal);
        }

        var answer = (request.Method, path) switch
        {
            ("PUT", ["orders", var id]) => Update(id, request.Json),
            ("POST", ["orders", var id, "notes"]) => AddNote(id, request.Json),
            _ => Error(HttpStatusCode.NotFound, "rest_no_route", "No route was found matching the URL and request method."),
        };
        if (WritesAnsweredUnavailable > 0 && (int)answer.Status < 300)
        {
            WritesAnsweredUnavailable--;
            return FakeResponse.Error(HttpStatusCode.ServiceUnavailable, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
        }

        return answer;
    }

    private FakeResponse Update(string id, JsonElement body)
    {
        if (Orders.FirstOrDefault(o => o["id"]!.ToString() == id) is not { } order)
        {
            return Error(HttpStatusCode.BadRequest, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
        }

        if (body.TryGetProperty("status", out var status))
        {
            order["status"] = status.GetString();
        }

        if (body.TryGetProperty("shipping", out var shipping))
        {
            order["shipping"] = JsonNode.Parse(shipping.GetRawText());
        }

        return FakeResponse.Json(order.ToJsonString());
    }

    private FakeResponse AddNote(string id, JsonElement body)
    {
        if (!Orders.Any(o => o["id"]!.ToString() == id))
        {
            return Error(HttpStatusCode.NotFound, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
        }

        var notes = _notes.TryGetValue(id, out var list) ? list : _notes[id] = [];
        var note = new JsonObject
        {
            ["id"] = 500 + notes.Count,
            ["author"] = "WooCommerce API",
            ["date_created_gmt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss"),
            ["note"] = body.GetProperty("note").GetString(),
            ["customer_note"] = body.TryGetProperty("customer_note", out var customer) && customer.GetBoolean(),
        };
        notes.Add(note);
        return FakeResponse.Json(note.ToJsonString(), HttpStatusCode.Created);
    }
}
