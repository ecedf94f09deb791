namespace Assistant.Core.Conversations;

public enum TranscriptRole
{
    Customer,
    Bot,
    Agent,
    Note,
    Template,
}
