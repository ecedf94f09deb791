namespace Assistant.Engine.Conversations;

/// <summary>One line of a conversation's transcript.</summary>
/// <param name="Kind"><c>message</c>, or <c>submission</c> for a widget click or form submit on the bot's message.</param>
/// <param name="Id">The transcript row's id, once stored: orders lines as they were recorded.</param>
/// <param name="AttachmentLinks">"name: address" of each file sent with the message (for the Zendesk mirror, never the model).</param>
public sealed record TranscriptEntry(
    long AccountId,
    long ConversationId,
    long MessageId,
    string Kind,
    TranscriptRole Role,
    string? Content,
    string ContentType,
    string ContentAttributes,
    long? SenderId,
    long? InReplyTo,
    DateTimeOffset SentAt,
    long Id = 0,
    IReadOnlyList<string>? AttachmentLinks = null)
{
    public const string MessageKind = "message";
    public const string SubmissionKind = "submission";

    /// <summary>Customer input the bot should answer: messages and widget submissions.</summary>
    public bool IsCustomerInput => Role == TranscriptRole.Customer;
}
