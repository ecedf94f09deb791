namespace Assistant.Chatwoot.Api;

public enum ConversationPriority
{
    Low,
    Medium,
    High,
    Urgent,
}
