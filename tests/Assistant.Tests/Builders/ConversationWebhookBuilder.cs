using System.Text.Json.Nodes;

namespace Assistant.Tests.Builders;

/// <summary><c>conversation_*</c> payloads: the conversation's webhook data plus the event (and changed attributes).</summary>
public sealed class ConversationWebhookBuilder(string eventName = "conversation_updated", long conversationId = 42, long accountId = 1)
{
    private readonly ConversationJsonBuilder _conversation = new(conversationId, accountId);
    private JsonArray? _changed;
    private bool _changedIsNull;
    private AccountShape _account = AccountShape.TopLevel;

    public ConversationWebhookBuilder With(Action<ConversationJsonBuilder> configure) { configure(_conversation); return this; }

    public ConversationWebhookBuilder Changed(string attribute, JsonNode? previous, JsonNode? current)
    {
        _changed ??= [];
        _changed.Add(new JsonObject { [attribute] = new JsonObject { ["previous_value"] = previous, ["current_value"] = current } });
        return this;
    }

    /// <summary>Chatwoot before 4.14.2: no top-level <c>account</c>; the last message (when there is one) carries <c>account_id</c>.</summary>
    public ConversationWebhookBuilder BeforeAccountWasAdded(bool withLastMessage)
    {
        _account = withLastMessage ? AccountShape.InLastMessage : AccountShape.Nowhere;
        return this;
    }

    /// <summary><c>changed_attributes: null</c>, as every <c>conversation_status_changed</c> has it.</summary>
    public ConversationWebhookBuilder WithNullChangedAttributes() { _changedIsNull = true; return this; }

    public JsonObject Build()
    {
        var payload = _conversation.Build();
        payload["event"] = eventName;
        if (eventName is "conversation_updated" or "conversation_status_changed")
        {
            payload["changed_attributes"] = _changedIsNull ? null : _changed?.DeepClone() ?? new JsonArray();
        }

        if (_account != AccountShape.TopLevel)
        {
            payload.Remove("account");
        }

        if (_account == AccountShape.InLastMessage)
        {
            payload["messages"] = JsonNode.Parse($$"""
                [{"id":4821,"content":"Hi","account_id":{{accountId}},"inbox_id":3,"conversation_id":{{conversationId}},"message_type":0,
                  "created_at":1781691630,"updated_at":"2026-06-17T10:20:30.123Z","private":false,"status":"sent","content_type":"text",
                  "sender_type":"Contact","sender_id":77}]
                """);
        }

        return payload;
    }

    private enum AccountShape
    {
        TopLevel,
        InLastMessage,
        Nowhere,
    }

    public string ToJson() => Build().ToJsonString();
}
