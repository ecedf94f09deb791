namespace Assistant.Chatwoot.Api;

/// <summary>Which configured token a call uses; errors name it so the operator knows which one to fix.</summary>
public enum ChatwootToken
{
    Bot,
    User,
}
