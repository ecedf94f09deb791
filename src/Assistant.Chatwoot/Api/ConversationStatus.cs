namespace Assistant.Chatwoot.Api;

public enum ConversationStatus
{
    Open,
    Resolved,
    Pending,
    Snoozed,
}
