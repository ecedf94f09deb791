namespace Assistant.Engine.Conversations;

/// <summary>Who may speak in a conversation.</summary>
public enum Ownership
{
    /// <summary>Pending with no human assignee: the bot answers.</summary>
    Bot,

    /// <summary>Open, snoozed, or assigned to a human: the bot stays silent.</summary>
    Human,

    /// <summary>Resolved: nobody answers until the customer writes again.</summary>
    Closed,
}
