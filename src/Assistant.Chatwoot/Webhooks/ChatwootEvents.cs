namespace Assistant.Chatwoot.Webhooks;

/// <summary>The <c>event</c> names of the agent-bot webhooks the assistant acts on (reference/chatwoot.md §1.2).</summary>
public static class ChatwootEvents
{
    public const string MessageCreated = "message_created";
    public const string MessageUpdated = "message_updated";
    public const string ConversationStatusChanged = "conversation_status_changed";
    public const string ConversationOpened = "conversation_opened";
    public const string ConversationResolved = "conversation_resolved";
    public const string ConversationUpdated = "conversation_updated";
    public const string WebWidgetTriggered = "webwidget_triggered";
}
