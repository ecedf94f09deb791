namespace Assistant.Chatwoot.Webhooks;

public sealed record ChatwootSender(ChatwootSenderKind Kind, long? Id, string? Name);
