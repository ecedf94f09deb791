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
    IReadOnlyList<ChatwootAttachment> Attachments)
{
    /// <summary>The message's <c>additional_attributes</c> (a campaign's message carries <c>campaign_id</c>).</summary>
    public JsonElement AdditionalAttributes { get; init; } = Assistant.Transport.JsonValues.EmptyObject();
}
