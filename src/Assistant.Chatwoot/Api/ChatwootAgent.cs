namespace Assistant.Chatwoot.Api;

/// <summary>An agent as a team lists it; <see cref="Availability"/> is Chatwoot's effective status.</summary>
public sealed record ChatwootAgent(long Id, string Availability)
{
    public bool IsOnline => Availability == "online";
}
