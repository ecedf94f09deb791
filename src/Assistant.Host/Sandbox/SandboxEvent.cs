using System.Text.Json.Nodes;

namespace Assistant.Host.Sandbox;

/// <summary>Something the assistant did in the sandbox's stand-in Chatwoot: a message, or an action on the conversation.</summary>
public sealed record SandboxEvent(string Kind, string Text, JsonObject? Message = null);
