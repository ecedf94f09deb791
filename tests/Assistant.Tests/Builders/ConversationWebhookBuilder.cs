using System.Text.Json.Nodes;

namespace Assistant.Tests.Builders;

/// <summary><c>conversation_*</c> payloads: the conversation's webhook data plus the event (and changed attributes).</summary>
public sealed class ConversationWebhookBuilder(string eventName = "conversation_updated", long conversationId = 42, long accountId = 1)
{
    private readonly ConversationJsonBuilder _conversation = new(conversationId, accountId);
    private JsonArray? _changed;

    public ConversationWebhookBuilder With(Action<ConversationJsonBuilder> configure) { configure(_conversation); return this; }

    public ConversationWebhookBuilder Changed(string attribute, JsonNode? previous, JsonNode? current)
    {
        _changed ??= [];
        _changed.Add(new JsonObject { [attribute] = new JsonObject { ["previous_value"] = previous, ["current_value"] = current } });
        return this;
    }

    public JsonObject Build()
    {
        var payload = _conversation.Build();
        payload["event"] = eventName;
        if (eventName is "conversation_updated" or "conversation_status_changed")
        {
            payload["changed_attributes"] = _changed?.DeepClone();
        }

        return payload;
    }

    public string ToJson() => Build().ToJsonString();
}
