namespace Assistant.Chatwoot.Webhooks;

/// <summary>A parsed agent-bot webhook.</summary>
public abstract record ChatwootWebhookEvent(string EventName, long AccountId);

/// <summary><c>message_created</c> or <c>message_updated</c>.</summary>
public sealed record MessageEvent(string EventName, long AccountId, ChatwootMessage Message, ConversationSnapshot Conversation)
    : ChatwootWebhookEvent(EventName, AccountId);

/// <summary><c>conversation_status_changed</c>, <c>conversation_opened</c>, <c>conversation_resolved</c>, <c>conversation_updated</c>.</summary>
public sealed record ConversationEvent(string EventName, long AccountId, ConversationSnapshot Conversation)
    : ChatwootWebhookEvent(EventName, AccountId);

/// <summary><c>webwidget_triggered</c>: the visitor opened the widget; the conversation is absent for new visitors.</summary>
public sealed record WidgetTriggeredEvent(string EventName, long AccountId, long ContactInboxId, ChatwootContact Contact, ConversationSnapshot? Conversation)
    : ChatwootWebhookEvent(EventName, AccountId);

/// <summary>An event the assistant has no use for; acknowledged and ignored.</summary>
public sealed record IgnoredEvent(string EventName, long AccountId) : ChatwootWebhookEvent(EventName, AccountId);
