namespace Assistant.Chatwoot.Api;

public sealed record ContactSearchPage(IReadOnlyList<ChatwootContactRecord> Contacts, int Count, bool HasMore);
