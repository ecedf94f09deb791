namespace Assistant.Engine.Conversations;

public enum TranscriptRole
{
    Customer,
    Bot,
    Agent,
    Note,
    Template,
}
