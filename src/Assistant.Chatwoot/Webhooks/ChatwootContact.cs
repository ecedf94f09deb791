namespace Assistant.Chatwoot.Webhooks;

public sealed record ChatwootContact(long? Id, string? Name, string? Email, string? PhoneNumber, string? Identifier);
