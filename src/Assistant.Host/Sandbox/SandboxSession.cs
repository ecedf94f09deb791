using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Chatwoot.Webhooks;

namespace Assistant.Host.Sandbox;

/// <summary>
/// The customer's side of a sandbox conversation: what they type becomes a signed Chatwoot webhook to the running
/// assistant, exactly as Chatwoot would send it; the bot's own messages are echoed back the way Chatwoot does.
/// </summary>
/// <param name="storeIdentitySecret">The service's <c>Store__IdentitySecret</c>, to sign a verified web customer's identity.</param>
public sealed class SandboxSession(HttpClient assistant, SandboxChatwoot chatwoot, SandboxCustomer customer, string secret, string? storeIdentitySecret = null)
{
    private const long ContactId = 7;
    private const long BotId = 5;

    public SandboxCustomer Customer { get; } = customer;

    public Task SayAsync(string text) => PostAsync(Message(ChatwootEvents.MessageCreated, chatwoot.NextMessageId(), text, "incoming", null, null));

    /// <summary>Picks an option of the bot's <c>input_select</c>: Chatwoot sends the bot its own message back, updated.</summary>
    public Task ChooseAsync(JsonObject botMessage, JsonObject item) => AnswerAsync(botMessage, new JsonArray(item.DeepClone()));

    /// <summary>Submits the bot's form: Chatwoot sends the bot its own message back with the submitted values.</summary>
    public Task SubmitAsync(JsonObject botMessage, IReadOnlyDictionary<string, string> values) =>
        AnswerAsync(botMessage, new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["name"] = v.Key, ["value"] = v.Value })]));

    /// <summary>Chatwoot's echo of a message the bot posted (the bot token cannot read history, so this is how it learns it).</summary>
    public Task EchoAsync(JsonObject botMessage) => PostAsync(Message(ChatwootEvents.MessageCreated, botMessage["id"]!.GetValue<long>(),
        botMessage["content"]?.GetValue<string>() ?? string.Empty, "outgoing", botMessage["content_type"]?.GetValue<string>(),
        botMessage["content_attributes"]?.DeepClone().AsObject(), botMessage["private"]?.GetValue<bool>() ?? false));

    private Task AnswerAsync(JsonObject botMessage, JsonArray submitted)
    {
        var attributes = botMessage["content_attributes"]?.DeepClone().AsObject() ?? [];
        attributes["submitted_values"] = submitted;
        return PostAsync(Message(ChatwootEvents.MessageUpdated, botMessage["id"]!.GetValue<long>(), botMessage["content"]?.GetValue<string>() ?? string.Empty,
            "outgoing", botMessage["content_type"]?.GetValue<string>(), attributes));
    }

    private JsonObject Message(string eventName, long id, string content, string messageType, string? contentType, JsonObject? attributes, bool isPrivate = false)
    {
        var contact = new JsonObject
        {
            ["id"] = ContactId,
            ["name"] = Customer.Name,
            ["email"] = Customer.Email,
            ["phone_number"] = Customer.Phone,
            ["identifier"] = Customer.CustomerId,
        };
        var conversation = chatwoot.ConversationJson();
        conversation["channel"] = Customer.ChannelType;
        conversation["inbox_id"] = 1;
        conversation["additional_attributes"] = new JsonObject { ["browser_language"] = Customer.Language };
        conversation["contact_inbox"] = new JsonObject { ["source_id"] = Customer.SourceId, ["hmac_verified"] = false };
        if (storeIdentitySecret is not null && Customer.StoreIdentity(storeIdentitySecret) is { } token)
        {
            conversation["custom_attributes"] = new JsonObject { [ConversationSnapshot.StoreIdentityAttribute] = token };
        }

        ((JsonObject)conversation["meta"]!)["sender"] = contact.DeepClone();
        conversation["account"] = new JsonObject { ["id"] = SandboxChatwoot.AccountId };
        return new JsonObject
        {
            ["event"] = eventName,
            ["id"] = id,
            ["account"] = new JsonObject { ["id"] = SandboxChatwoot.AccountId, ["name"] = "Sandbox" },
            ["content"] = content,
            ["content_type"] = contentType ?? "text",
            ["content_attributes"] = attributes ?? [],
            ["message_type"] = messageType,
            ["private"] = isPrivate,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["sender"] = messageType == "incoming" ? contact : new JsonObject { ["id"] = BotId, ["name"] = "Assistant", ["type"] = "agent_bot" },
            ["conversation"] = conversation,
        };
    }

    private async Task PostAsync(JsonObject payload)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/chatwoot") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Chatwoot-Timestamp", timestamp);
        request.Headers.Add("X-Chatwoot-Signature", ChatwootWebhookAuthenticator.Sign(secret, timestamp, body));
        request.Headers.Add("X-Chatwoot-Delivery", Guid.NewGuid().ToString());
        using var response = await assistant.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
