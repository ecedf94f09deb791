namespace Assistant.Chatwoot.Webhooks;

/// <summary>Chatwoot's message_type; top-level payloads send the name, nested ones the number.</summary>
public enum ChatwootMessageType
{
    Incoming = 0,
    Outgoing = 1,
    Activity = 2,
    Template = 3,
}
