using System.Text.Json;

namespace Assistant.Chatwoot.Webhooks;

public sealed record ChatwootMessage(
    long Id,
    string? Content,
    string ContentType,
    ChatwootMessageType MessageType,
    bool Private,
    ChatwootSender Sender,
    DateTimeOffset CreatedAt,
    long? InReplyTo,
    IReadOnlyList<SubmittedValue> SubmittedValues,
    JsonElement ContentAttributes,
    IReadOnlyList<ChatwootAttachment> Attachments);
