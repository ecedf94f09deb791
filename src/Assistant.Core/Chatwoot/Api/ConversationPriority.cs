namespace Assistant.Core.Chatwoot.Api;

public enum ConversationPriority
{
    Low,
    Medium,
    High,
    Urgent,
}
