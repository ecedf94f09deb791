using System.Text.Json.Nodes;

namespace Assistant.Tests.Builders;

/// <summary><c>message_created</c> / <c>message_updated</c> payloads shaped like reference/chatwoot.md §1.5.</summary>
public sealed class MessageWebhookBuilder
{
    private static long _nextId = 4800;
    private readonly ConversationJsonBuilder _conversation;
    private readonly long _accountId;
    private string _event = "message_created";
    private string? _content = "Hi, where is my order #1234?";
    private JsonObject[]? _attachments;
    private string _contentType = "text";
    private string _messageType = "incoming";
    private bool _private;
    private JsonNode? _sender;
    private JsonObject _contentAttributes = new() { ["in_reply_to"] = null };
    private readonly JsonObject _additionalAttributes = [];
    private string _createdAt = "2026-06-17T10:20:30.123Z";

    public MessageWebhookBuilder(long conversationId = 42, long accountId = 1)
    {
        _accountId = accountId;
        _conversation = new ConversationJsonBuilder(conversationId, accountId);
        _sender = _conversation.Contact(withType: false);
    }

    public long MessageId { get; private set; } = Interlocked.Increment(ref _nextId);

    public MessageWebhookBuilder WithId(long id) { MessageId = id; return this; }

    public MessageWebhookBuilder WithContent(string? content) { _content = content; return this; }

    /// <summary>Files sent with the message, as in <c>attachments</c> (see <see cref="Attachment"/>).</summary>
    public MessageWebhookBuilder WithAttachments(params JsonObject[] attachments) { _attachments = attachments; return this; }

    /// <summary>An attachment as Chatwoot's <c>Attachment#push_event_data</c> shapes it.</summary>
    public static JsonObject Attachment(string fileType, string? dataUrl = null, double? lat = null, double? lon = null, string? transcript = null)
    {
        var attachment = JsonNode.Parse($$"""
            {"id":9001,"message_id":4821,"file_type":"{{fileType}}","account_id":1,"extension":null,"file_size":20480,"width":null,"height":null}
            """)!.AsObject();
        attachment["data_url"] = dataUrl;
        attachment["thumb_url"] = fileType == "image" ? dataUrl : "";
        if (lat is not null)
        {
            (attachment["coordinates_lat"], attachment["coordinates_long"]) = (lat, lon);
        }

        if (transcript is not null)
        {
            attachment["transcribed_text"] = transcript;
        }

        return attachment;
    }

    /// <summary>The same message as a <c>message_updated</c> event (an edit, a delivery receipt).</summary>
    public MessageWebhookBuilder AsUpdate() { _event = "message_updated"; return this; }

    public MessageWebhookBuilder WithContentType(string contentType) { _contentType = contentType; return this; }

    public MessageWebhookBuilder WithCreatedAt(string iso) { _createdAt = iso; return this; }

    public MessageWebhookBuilder WithConversation(Action<ConversationJsonBuilder> configure) { configure(_conversation); return this; }

    public MessageWebhookBuilder FromBot(long botId = 5)
    {
        (_messageType, _sender) = ("outgoing", new JsonObject { ["id"] = botId, ["name"] = "Support Bot", ["type"] = "agent_bot" });
        return this;
    }

    public MessageWebhookBuilder FromAgent(long userId = 12)
    {
        (_messageType, _sender) = ("outgoing", new JsonObject { ["id"] = userId, ["name"] = "Agent Smith", ["email"] = "smith@acme.test", ["type"] = "user" });
        return this;
    }

    public MessageWebhookBuilder AsPrivateNote() { FromAgent(); _private = true; return this; }

    /// <summary>A reply typed on the WhatsApp phone paired with the inbox: outgoing, with no sender.</summary>
    public MessageWebhookBuilder FromPairedPhone() { (_messageType, _sender) = ("outgoing", null); return this; }

    /// <summary>An automation rule's "send message" action: outgoing, no sender, the rule's id in content attributes.</summary>
    public MessageWebhookBuilder FromAutomationRule(long ruleId = 7)
    {
        (_messageType, _sender) = ("outgoing", null);
        _contentAttributes["automation_rule_id"] = ruleId;
        return this;
    }

    /// <summary>A campaign's message: outgoing, sent in an agent's name, the campaign's id in additional attributes.</summary>
    public MessageWebhookBuilder FromCampaign(long campaignId = 3)
    {
        FromAgent();
        _additionalAttributes["campaign_id"] = campaignId;
        return this;
    }

    public MessageWebhookBuilder AsTemplate() { (_messageType, _sender) = ("template", null); return this; }

    /// <summary>The widget visitor clicked an option: the bot's own input_select message comes back updated.</summary>
    public MessageWebhookBuilder AsSelectClick(string title, string value)
    {
        FromBot();
        (_event, _contentType, _content) = ("message_updated", "input_select", "What do you need help with?");
        _contentAttributes = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["title"] = "Billing", ["value"] = "billing" }, new JsonObject { ["title"] = title, ["value"] = value }),
            ["submitted_values"] = new JsonArray(new JsonObject { ["title"] = title, ["value"] = value }),
        };
        return this;
    }

    /// <summary>
    /// The customer rated the conversation: the CSAT message (the bot's, or Chatwoot's own with no sender) comes back
    /// updated, from the widget or Chatwoot's survey page.
    /// </summary>
    public MessageWebhookBuilder AsCsatRating(int rating, string? feedback = null, bool fromChatwoot = false)
    {
        if (fromChatwoot)
        {
            AsTemplate();
        }
        else
        {
            FromBot();
        }

        (_event, _contentType, _content) = ("message_updated", "input_csat", "Please rate the conversation");
        _contentAttributes = new JsonObject
        {
            ["submitted_values"] = new JsonObject
            {
                ["csat_survey_response"] = new JsonObject { ["rating"] = rating, ["feedback_message"] = feedback },
            },
        };
        return this;
    }

    public MessageWebhookBuilder AsFormSubmit(params (string Name, string Value)[] values)
    {
        FromBot();
        (_event, _contentType, _content) = ("message_updated", "form", "Tell us about the order");
        _contentAttributes = new JsonObject
        {
            ["items"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["label"] = v.Name, ["type"] = "text" })]),
            ["submitted_values"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["value"] = v.Value })]),
        };
        return this;
    }

    public JsonObject Build()
    {
        var payload = Payload();
        if (_attachments is { Length: > 0 })
        {
            payload["attachments"] = new JsonArray([.. _attachments.Select(a => a.DeepClone())]);
        }

        return payload;
    }

    private JsonObject Payload() => new()
    {
        ["account"] = new JsonObject { ["id"] = _accountId, ["name"] = "Acme" },
        ["additional_attributes"] = _additionalAttributes.DeepClone(),
        ["content_attributes"] = _contentAttributes.DeepClone(),
        ["content_type"] = _contentType,
        ["content"] = _content,
        ["conversation"] = _conversation.Build(),
        ["created_at"] = _createdAt,
        ["id"] = MessageId,
        ["inbox"] = new JsonObject { ["id"] = 3, ["name"] = "Website" },
        ["message_type"] = _messageType,
        ["private"] = _private,
        ["sender"] = _sender?.DeepClone(),
        ["source_id"] = null,
        ["event"] = _event,
    };

    public string ToJson() => Build().ToJsonString();
}
