using System.Text.Json;
using Assistant.Chatwoot.Webhooks;

namespace Assistant.Chatwoot.Api;

/// <summary>A conversation read from the API: the same fields as a webhook snapshot, plus its custom attributes.</summary>
public sealed record ChatwootConversation(ConversationSnapshot Snapshot, JsonElement CustomAttributes);
