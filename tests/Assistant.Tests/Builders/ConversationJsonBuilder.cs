using System.Text.Json.Nodes;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Builders;

/// <summary>Chatwoot's <c>Conversation#webhook_data</c> (reference/chatwoot.md §1.4), which the REST show endpoint shares.</summary>
public sealed class ConversationJsonBuilder(long conversationId = 42, long accountId = 1)
{
    private string _status = "pending";
    private string _channel = "Channel::WebWidget";
    private long? _assigneeId;
    private string _assigneeKind = "user";
    private long? _teamId;
    private string[] _labels = [];
    private JsonObject _customAttributes = [];
    private bool _hmacVerified;
    private double _updatedAt = 1781691630.412;
    private string? _email;
    private string? _phone;
    private string? _identifier;
    private string? _language = "en";
    private bool _canReply = true;
    private string? _sourceId;
    private long? _inboxId;
    private long _contactId = 77;
    private string _contactName = "Jane Doe";

    public ConversationJsonBuilder WithStatus(string status) { _status = status; return this; }

    public ConversationJsonBuilder WithChannel(string channel) { _channel = channel; return this; }

    public ConversationJsonBuilder WithAssignee(long? userId) { _assigneeId = userId; _assigneeKind = "user"; return this; }

    public ConversationJsonBuilder WithBotAssignee(long botId) { _assigneeId = botId; _assigneeKind = "agent_bot"; return this; }

    public ConversationJsonBuilder WithTeam(long? teamId) { _teamId = teamId; return this; }

    public ConversationJsonBuilder WithLabels(params string[] labels) { _labels = labels; return this; }

    public ConversationJsonBuilder WithCustomAttributes(JsonObject attributes) { _customAttributes = attributes; return this; }

    public ConversationJsonBuilder WithHmacVerified(bool verified = true) { _hmacVerified = verified; return this; }

    /// <summary>
    /// The contact inbox's <c>source_id</c>. By default what Chatwoot keys the channel by when nothing was merged: the
    /// sender's WhatsApp id, SMS number or email address, and a random id on the widget.
    /// </summary>
    public ConversationJsonBuilder WithSourceId(string? sourceId) { _sourceId = sourceId; return this; }

    public ConversationJsonBuilder WithInbox(long inboxId) { _inboxId = inboxId; return this; }

    /// <summary>The token a store's site puts in the conversation's <c>store_identity</c> custom attribute.</summary>
    public ConversationJsonBuilder WithStoreIdentity(string token)
    {
        _customAttributes = (JsonObject)_customAttributes.DeepClone();
        _customAttributes["store_identity"] = token;
        return this;
    }

    public ConversationJsonBuilder WithUpdatedAt(double epochSeconds) { _updatedAt = epochSeconds; return this; }

    public ConversationJsonBuilder WithLanguage(string? language) { _language = language; return this; }

    /// <summary>Chatwoot's messaging-window check: false once WhatsApp's 24 hours since the customer's last message are over.</summary>
    public ConversationJsonBuilder WithCanReply(bool canReply) { _canReply = canReply; return this; }

    public ConversationJsonBuilder WithContact(long id, string name, string? email = null, string? phone = null, string? identifier = null)
    {
        (_contactId, _contactName, _email, _phone, _identifier) = (id, name, email, phone, identifier);
        return this;
    }

    public JsonObject Build() => new()
    {
        ["additional_attributes"] = new JsonObject { ["browser_language"] = _language, ["referer"] = "https://shop.example.com/orders" },
        ["can_reply"] = _canReply,
        ["channel"] = _channel,
        ["contact_inbox"] = new JsonObject
        {
            ["id"] = 90,
            ["contact_id"] = _contactId,
            ["inbox_id"] = _inboxId ?? 3,
            ["source_id"] = _sourceId ?? DefaultSourceId(),
            ["created_at"] = "2026-06-17T10:20:29.000Z",
            ["updated_at"] = "2026-06-17T10:20:29.000Z",
            ["hmac_verified"] = _hmacVerified,
            ["pubsub_token"] = KnownSecrets.PubsubToken,
        },
        ["id"] = conversationId,
        ["inbox_id"] = _inboxId ?? 3,
        ["messages"] = new JsonArray(),
        ["labels"] = new JsonArray([.. _labels.Select(l => (JsonNode)l)]),
        ["meta"] = new JsonObject
        {
            ["sender"] = Contact(withType: true),
            ["assignee"] = _assigneeId is { } assignee
                ? new JsonObject { ["id"] = assignee, ["name"] = $"Assignee {assignee}", ["type"] = _assigneeKind }
                : null,
            ["assignee_type"] = _assigneeId is null ? null : _assigneeKind == "agent_bot" ? "AgentBot" : "User",
            ["team"] = _teamId is { } team ? new JsonObject { ["id"] = team, ["name"] = $"Team {team}" } : null,
            ["hmac_verified"] = _hmacVerified,
        },
        ["status"] = _status,
        ["custom_attributes"] = _customAttributes.DeepClone(),
        ["snoozed_until"] = null,
        ["unread_count"] = 1,
        ["first_reply_created_at"] = null,
        ["priority"] = null,
        ["waiting_since"] = 1781691630,
        ["agent_last_seen_at"] = 0,
        ["contact_last_seen_at"] = 0,
        ["last_activity_at"] = 1781691630,
        ["timestamp"] = 1781691630,
        ["created_at"] = 1781691629,
        ["updated_at"] = _updatedAt,
        ["account"] = new JsonObject { ["id"] = accountId, ["name"] = "Acme" },
    };

    private string DefaultSourceId() => _channel switch
    {
        "Channel::Whatsapp" when _phone is not null => _phone.TrimStart('+'),
        "Channel::Sms" or "Channel::TwilioSms" when _phone is not null => _phone,
        "Channel::Email" when _email is not null => _email,
        _ => "b3f1c7e2-5d1a-4a53-9d6c-0f8e6b7c1a22",
    };

    /// <summary>The contact as <c>meta.sender</c> shows it (with <c>type</c>) or as a message's top-level sender (without).</summary>
    public JsonObject Contact(bool withType)
    {
        var contact = new JsonObject
        {
            ["additional_attributes"] = new JsonObject(),
            ["custom_attributes"] = new JsonObject(),
            ["email"] = _email,
            ["id"] = _contactId,
            ["identifier"] = _identifier,
            ["name"] = _contactName,
            ["phone_number"] = _phone,
            ["thumbnail"] = "",
            ["blocked"] = false,
        };
        if (withType)
        {
            contact["type"] = "contact";
        }

        return contact;
    }
}
