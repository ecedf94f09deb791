using Assistant.Chatwoot.Webhooks;
using Assistant.Transport;

namespace Assistant.Engine.Conversations;

/// <summary>Decides who said a message; Chatwoot sends the bot everything, including its own echoes and private notes.</summary>
internal static class TranscriptClassifier
{
    /// <returns>The role, or <c>null</c> for messages that belong in no transcript (activity).</returns>
    public static TranscriptRole? RoleOf(ChatwootMessage message) => message switch
    {
        { MessageType: ChatwootMessageType.Activity } => null,
        { Private: true } => TranscriptRole.Note,
        { MessageType: ChatwootMessageType.Template } => TranscriptRole.Template,
        { MessageType: ChatwootMessageType.Incoming } => TranscriptRole.Customer,
        { Sender.Kind: ChatwootSenderKind.AgentBot } => TranscriptRole.Bot,
        _ => TranscriptRole.Agent,
    };

    /// <summary>
    /// A widget click or form submit comes back as <c>message_updated</c> of the bot's own outgoing message with
    /// <c>submitted_values</c>; it is the customer speaking. Only on the bot's own forms and choices: the widget lets a
    /// visitor put submitted values on other messages too (an agent's reply, a CSAT survey), which asked nothing.
    /// </summary>
    public static bool IsSubmission(MessageEvent messageEvent) =>
        messageEvent.EventName == ChatwootEvents.MessageUpdated
        && messageEvent.Message is
        {
            MessageType: ChatwootMessageType.Outgoing, Private: false, SubmittedValues.Count: > 0,
            Sender.Kind: ChatwootSenderKind.AgentBot, ContentType: "form" or "input_select",
        };

    /// <summary>
    /// A person's public reply to the customer: an agent's message, or an outgoing message with no sender (how replies
    /// typed on the paired WhatsApp phone arrive). Not the bot's, nor an automation rule's (<c>automation_rule_id</c>),
    /// a campaign's (<c>campaign_id</c>), a template's or a survey's: those speak for nobody in particular.
    /// </summary>
    public static bool IsPersonReply(ChatwootMessage message) =>
        message is { MessageType: ChatwootMessageType.Outgoing, Private: false, Sender.Kind: ChatwootSenderKind.User or ChatwootSenderKind.None }
        && message.ContentType is not ("input_csat" or "input_email")
        && message.ContentAttributes.Property("automation_rule_id") is null
        && message.AdditionalAttributes.Property("campaign_id") is null;

    /// <summary>The submission as the customer's words: the clicked choice's title, or one "label: value" line per form field.</summary>
    public static string DescribeSubmission(ChatwootMessage message)
    {
        if (message.ContentType == "input_select")
        {
            return string.Join(", ", message.SubmittedValues.Select(v => v.Title ?? v.Value));
        }

        // A field left empty (the phone, when the email was given) says nothing.
        return string.Join('\n', message.SubmittedValues.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => $"{v.Name ?? v.Title}: {v.Value}"));
    }
}
