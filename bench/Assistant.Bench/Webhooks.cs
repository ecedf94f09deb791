using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Chatwoot.Webhooks;

namespace Assistant.Bench;

/// <summary>Signed Chatwoot <c>message_created</c> webhooks shaped like reference/chatwoot.md §1.5 (about 2 KB each).</summary>
public static class Webhooks
{
    public const string Secret = "bench-webhook-secret";
    private static long _nextMessageId = 1_000_000;

    public static HttpRequestMessage CustomerMessage(long conversationId, string text) =>
        Signed(Payload(conversationId, Interlocked.Increment(ref _nextMessageId), text).ToJsonString());

    /// <summary>A customer message in a conversation a human agent owns: stored and folded into state, no turn.</summary>
    public static HttpRequestMessage HumanOwnedMessage(long conversationId, string text) => Signed(HumanOwnedPayload(conversationId, text));

    private static HttpRequestMessage Signed(string payload)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/chatwoot") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Chatwoot-Timestamp", timestamp);
        request.Headers.Add("X-Chatwoot-Signature", ChatwootWebhookAuthenticator.Sign(Secret, timestamp, body));
        request.Headers.Add("X-Chatwoot-Delivery", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>The body of a customer message in a conversation a human agent owns: stored and folded, no turn.</summary>
    public static string HumanOwnedPayload(long conversationId, string text)
    {
        var payload = Payload(conversationId, Interlocked.Increment(ref _nextMessageId), text);
        var conversation = payload["conversation"]!.AsObject();
        conversation["status"] = "open";
        conversation["meta"]!["assignee"] = new JsonObject { ["id"] = 5, ["name"] = "Sam Agent", ["type"] = "user" };
        return payload.ToJsonString();
    }

    private static JsonObject Payload(long conversationId, long messageId, string text)
    {
        var contact = new JsonObject { ["id"] = 77, ["name"] = "Jane Doe", ["email"] = "jane@example.com", ["identifier"] = "cus_jane", ["phone_number"] = "+4915112345678" };
        return new JsonObject
        {
            ["account"] = new JsonObject { ["id"] = 1, ["name"] = "Acme" },
            ["additional_attributes"] = new JsonObject(),
            ["content_attributes"] = new JsonObject { ["in_reply_to"] = null },
            ["content_type"] = "text",
            ["content"] = text,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["id"] = messageId,
            ["inbox"] = new JsonObject { ["id"] = 3, ["name"] = "Website" },
            ["message_type"] = "incoming",
            ["private"] = false,
            ["sender"] = contact.DeepClone(),
            ["source_id"] = null,
            ["event"] = "message_created",
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["account_id"] = 1,
                ["inbox_id"] = 3,
                ["status"] = "pending",
                ["channel"] = "Channel::WebWidget",
                ["can_reply"] = true,
                ["labels"] = new JsonArray(),
                ["custom_attributes"] = new JsonObject(),
                ["additional_attributes"] = new JsonObject { ["browser"] = new JsonObject { ["browser_name"] = "Firefox", ["platform_name"] = "Linux" } },
                ["contact_inbox"] = new JsonObject { ["id"] = 90, ["contact_id"] = 77, ["inbox_id"] = 3, ["source_id"] = Guid.NewGuid().ToString(), ["hmac_verified"] = true, ["pubsub_token"] = "bench-pubsub" },
                ["meta"] = new JsonObject { ["sender"] = contact.DeepClone(), ["assignee"] = null, ["team"] = null, ["hmac_verified"] = true },
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["updated_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
                ["unread_count"] = 1,
            },
        };
    }
}
