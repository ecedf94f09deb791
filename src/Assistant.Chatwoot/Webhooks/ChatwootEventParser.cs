using System.Text.Json;
using Assistant.Transport;

namespace Assistant.Chatwoot.Webhooks;

/// <summary>Turns a stored agent-bot webhook body into a typed event; shapes follow <c>reference/chatwoot.md</c> §1.4–1.5.</summary>
public static class ChatwootEventParser
{
    /// <param name="configuredAccountId"><c>Chatwoot__AccountId</c>, for events that do not name their account.</param>
    public static ChatwootWebhookEvent Parse(string payload, long? configuredAccountId = null)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var eventName = root.Property("event").String() ?? throw new FormatException("The payload has no 'event'.");
        if (!IsHandled(eventName))
        {
            return new IgnoredEvent(eventName, ChatwootAccount.Of(root, configuredAccountId) ?? 0);
        }

        var accountId = ChatwootAccount.Of(root, configuredAccountId)
            ?? throw new FormatException($"The {eventName} payload has no account id. {ChatwootAccount.MissingHelp}");

        return eventName switch
        {
            ChatwootEvents.MessageCreated or ChatwootEvents.MessageUpdated => new MessageEvent(eventName, accountId, ParseMessage(root),
                ParseConversation(root.Property("conversation") ?? throw new FormatException("A message event has no 'conversation'."))),
            ChatwootEvents.ConversationStatusChanged or ChatwootEvents.ConversationOpened or ChatwootEvents.ConversationResolved or ChatwootEvents.ConversationUpdated =>
                new ConversationEvent(eventName, accountId, ParseConversation(root)),
            ChatwootEvents.WebWidgetTriggered => new WidgetTriggeredEvent(eventName, accountId,
                root.Property("id").Int64() ?? 0,
                ParseContact(root.Property("contact")),
                root.Property("current_conversation") is { } current ? ParseConversation(current) : null),
            _ => new IgnoredEvent(eventName, accountId),
        };
    }

    private static bool IsHandled(string eventName) => eventName is ChatwootEvents.MessageCreated or ChatwootEvents.MessageUpdated or ChatwootEvents.ConversationStatusChanged
        or ChatwootEvents.ConversationOpened or ChatwootEvents.ConversationResolved or ChatwootEvents.ConversationUpdated or ChatwootEvents.WebWidgetTriggered;

    internal static ChatwootMessage ParseMessage(JsonElement root)
    {
        var attributes = root.Property("content_attributes").ObjectOrEmpty();
        return new ChatwootMessage(
            Id: root.Property("id").Int64() ?? throw new FormatException("A message event has no 'id'."),
            Content: root.Property("content").String(),
            ContentType: root.Property("content_type").String() ?? "text",
            MessageType: ParseMessageType(root.Property("message_type")),
            Private: root.Property("private").Boolean() ?? false,
            Sender: ParseSender(root.Property("sender")),
            CreatedAt: root.Property("created_at").Time() ?? DateTimeOffset.UnixEpoch,
            InReplyTo: attributes.Property("in_reply_to").Int64(),
            SubmittedValues: ParseSubmittedValues(attributes.Property("submitted_values")),
            ContentAttributes: attributes,
            Attachments: ParseAttachments(root.Property("attachments")))
        {
            AdditionalAttributes = root.Property("additional_attributes").ObjectOrEmpty(),
        };
    }

    private static List<ChatwootAttachment> ParseAttachments(JsonElement? attachments)
    {
        if (attachments is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        return array.EnumerateArray()
            .Where(a => a.ValueKind == JsonValueKind.Object)
            .Select(a =>
            {
                var dataUrl = a.Property("data_url").String();
                return new ChatwootAttachment(
                    a.Property("file_type").String() ?? "file",
                    a.Property("file_name").String() ?? FileNameOf(dataUrl),
                    string.IsNullOrWhiteSpace(dataUrl) ? null : dataUrl,
                    a.Property("coordinates_lat").Double(),
                    a.Property("coordinates_long").Double(),
                    a.Property("transcribed_text").String());
            })
            .ToList();
    }

    private static string? FileNameOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Uri.UnescapeDataString(uri.Segments[^1]) is { Length: > 0 } name && name != "/" ? name : null;

    /// <summary>Chatwoot's four statuses (reference/chatwoot.md §4); anything else is not a Chatwoot payload.</summary>
    private static string ParseStatus(JsonElement? value) => value.String() switch
    {
        null => "pending",
        "open" or "pending" or "snoozed" or "resolved" => value.String()!,
        var other => throw new FormatException($"Unknown conversation status '{(other.Length > 20 ? other[..20] + "…" : other)}'."),
    };

    internal static ChatwootMessageType ParseMessageType(JsonElement? value)
    {
        if (value.Int64() is { } number && Enum.IsDefined((ChatwootMessageType)number))
        {
            return (ChatwootMessageType)number;
        }

        return value.String() switch
        {
            "incoming" => ChatwootMessageType.Incoming,
            "outgoing" => ChatwootMessageType.Outgoing,
            "activity" => ChatwootMessageType.Activity,
            "template" => ChatwootMessageType.Template,
            var other => throw new FormatException($"Unknown message_type '{other}'."),
        };
    }

    private static ChatwootSender ParseSender(JsonElement? sender)
    {
        if (sender is not { ValueKind: JsonValueKind.Object } s)
        {
            return new ChatwootSender(ChatwootSenderKind.None, null, null);
        }

        // The top-level contact sender has no 'type'; users, bots and Captain say what they are.
        var kind = s.Property("type").String() switch
        {
            null or "contact" => ChatwootSenderKind.Contact,
            "user" => ChatwootSenderKind.User,
            "agent_bot" => ChatwootSenderKind.AgentBot,
            "captain_assistant" => ChatwootSenderKind.Captain,
            _ => ChatwootSenderKind.User,
        };
        return new ChatwootSender(kind, s.Property("id").Int64(), s.Property("name").String());
    }

    private static List<SubmittedValue> ParseSubmittedValues(JsonElement? values)
    {
        if (values is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        return array.EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.Object)
            .Select(v => new SubmittedValue(v.Property("name").String(), v.Property("title").String(), v.Property("value").String()))
            .ToList();
    }

    internal static ConversationSnapshot ParseConversation(JsonElement conversation)
    {
        var meta = conversation.Property("meta");
        var contactInbox = conversation.Property("contact_inbox");
        var attributes = conversation.Property("additional_attributes");
        return new ConversationSnapshot(
            Id: conversation.Property("id").Int64() ?? throw new FormatException("A conversation has no 'id'."),
            InboxId: conversation.Property("inbox_id").Int64(),
            Channel: conversation.Property("channel").String(),
            Status: ParseStatus(conversation.Property("status")),
            AssigneeId: meta?.Path("assignee", "id").Int64(),
            AssigneeType: meta?.Property("assignee_type").String() ?? AssigneeTypeOf(meta?.Property("assignee")),
            TeamId: meta?.Path("team", "id").Int64(),
            Contact: ParseContact(meta?.Property("sender")),
            ContactSourceId: contactInbox?.Property("source_id").String(),
            HmacVerified: (meta?.Property("hmac_verified").Boolean() ?? false) || (contactInbox?.Property("hmac_verified").Boolean() ?? false),
            StoreIdentity: conversation.Path("custom_attributes", ConversationSnapshot.StoreIdentityAttribute).String(),
            Language: attributes?.Property("conversation_language").String() ?? attributes?.Property("browser_language").String(),
            Labels: conversation.Property("labels") is { ValueKind: JsonValueKind.Array } labels
                ? labels.EnumerateArray().Select(l => ((JsonElement?)l).String()).OfType<string>().ToList()
                : [],
            CanReply: conversation.Property("can_reply").Boolean() ?? true,
            UpdatedAt: conversation.Property("updated_at").Time() is { } updated ? updated.ToUnixTimeMilliseconds() / 1000.0 : 0);
    }

    private static string? AssigneeTypeOf(JsonElement? assignee) => assignee?.Property("type").String() switch
    {
        null => null,
        "agent_bot" => "AgentBot",
        _ => "User",
    };

    private static ChatwootContact ParseContact(JsonElement? contact) => new(
        contact?.Property("id").Int64(),
        contact?.Property("name").String(),
        contact?.Property("email").String(),
        contact?.Property("phone_number").String(),
        contact?.Property("identifier").String());
}
