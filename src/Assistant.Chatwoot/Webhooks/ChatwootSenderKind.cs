namespace Assistant.Chatwoot.Webhooks;

public enum ChatwootSenderKind
{
    /// <summary>No sender: template messages (greeting, out-of-office, CSAT).</summary>
    None,
    Contact,
    User,
    AgentBot,
    Captain,
}
