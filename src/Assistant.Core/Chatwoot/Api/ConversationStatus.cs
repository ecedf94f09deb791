namespace Assistant.Core.Chatwoot.Api;

public enum ConversationStatus
{
    Open,
    Resolved,
    Pending,
    Snoozed,
}
