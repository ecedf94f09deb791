using System.Security.Cryptography;
using System.Text.Json;
using Assistant.Transport;

namespace Assistant.Chatwoot.Webhooks;

/// <summary>
/// What the intake needs from a webhook body before storing it: the event, the account, the key that orders it and
/// the key that deduplicates it. Parsing here is shallow on purpose; the worker parses the rest. A conversation event
/// whose account is nowhere (older Chatwoot, no setting) is still stored, so nothing is lost: the worker dead-letters it
/// with instructions, and it can be replayed once <c>Chatwoot__AccountId</c> is set.
/// </summary>
public sealed record ChatwootEnvelope(string EventName, long? AccountId, string OrderingKey, string DeliveryKey)
{
    public const string Source = "chatwoot";

    /// <summary>Reads the envelope; <c>null</c> with a reason when the body is not a Chatwoot event.</summary>
    /// <param name="configuredAccountId"><c>Chatwoot__AccountId</c>, for events that do not name their account.</param>
    public static ChatwootEnvelope? TryRead(ReadOnlySpan<byte> body, string? deliveryId, long? configuredAccountId, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            error = "The body is not valid JSON.";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The body is not a JSON object.";
                return null;
            }

            if (!StorableJson.IsStorable(root, out var problem))
            {
                error = problem;
                return null;
            }

            var eventName = root.Property("event").String();
            if (string.IsNullOrWhiteSpace(eventName))
            {
                error = "The body has no 'event'.";
                return null;
            }

            var accountId = ChatwootAccount.Of(root, configuredAccountId);
            if (accountId is null && eventName.StartsWith("message_", StringComparison.Ordinal))
            {
                // Every Chatwoot version puts the account at the top of a message event: this is no Chatwoot payload.
                error = "The body has no 'account.id'.";
                return null;
            }

            error = null;
            return new ChatwootEnvelope(eventName, accountId, OrderingKeyOf(root, eventName, accountId),
                string.IsNullOrWhiteSpace(deliveryId) ? DerivedDeliveryKey(root, eventName, body) : deliveryId.Trim());
        }
    }

    public static string ConversationKey(long accountId, long conversationId) => $"chatwoot:{accountId}:{conversationId}";

    /// <summary>Reads a <see cref="ConversationKey"/> back (as a Zendesk ticket's external id carries it).</summary>
    public static bool TryParseConversationKey(string? key, out long accountId, out long conversationId)
    {
        (accountId, conversationId) = (0, 0);
        var parts = key?.Split(':');
        return parts is ["chatwoot", var account, var conversation]
            && long.TryParse(account, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out accountId)
            && long.TryParse(conversation, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out conversationId);
    }

    private static string OrderingKeyOf(JsonElement root, string eventName, long? accountId)
    {
        var conversationId = eventName.StartsWith("message_", StringComparison.Ordinal)
            ? root.Path("conversation", "id").Int64()
            : eventName == ChatwootEvents.WebWidgetTriggered
                ? root.Path("current_conversation", "id").Int64()
                : root.Property("id").Int64() ?? root.Path("conversation", "id").Int64();
        var account = accountId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        if (conversationId is not null)
        {
            return $"chatwoot:{account}:{conversationId.Value}";
        }

        // A widget opened by a visitor with no conversation yet: order by the visitor instead.
        return $"chatwoot:{account}:contact_inbox:{root.Property("id").Int64() ?? 0}";
    }

    /// <summary>
    /// Chatwoot before 4.13 sends no delivery id. Its retries resend the same body, so the event, the object's id,
    /// its update time and a digest of the body identify one delivery.
    /// </summary>
    private static string DerivedDeliveryKey(JsonElement root, string eventName, ReadOnlySpan<byte> body)
    {
        var id = root.Property("id").String() ?? "-";
        var updatedAt = root.Property("updated_at").String() ?? root.Path("conversation", "updated_at").String() ?? "-";
        var digest = Convert.ToHexStringLower(SHA256.HashData(body))[..16];
        return $"{eventName}:{id}:{updatedAt}:{digest}";
    }
}
