using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Chatwoot.Api;

// Request bodies as in reference/chatwoot/swagger.json; serialized snake_case, nulls omitted unless stated.

public sealed record CreateMessageBody(string Content, string MessageType, bool Private, string ContentType, JsonObject? ContentAttributes)
{
    /// <summary>Only for a WhatsApp template; left out otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? TemplateParams { get; init; }
}

public sealed record ToggleStatusBody(string Status, long? SnoozedUntil);

public sealed record ToggleTypingBody(string TypingStatus, bool IsPrivate);

/// <summary>Chatwoot clears the priority on null; "none" is in the spec's enum but not in the code.</summary>
public sealed record TogglePriorityBody([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Priority);

/// <summary>The key must be present: Chatwoot assigns an agent when <c>assignee_id</c> is sent, and null unassigns.</summary>
public sealed record AgentAssignmentBody([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? AssigneeId);

/// <summary>Sent without <c>assignee_id</c>, or Chatwoot ignores the team.</summary>
public sealed record TeamAssignmentBody([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? TeamId);

public sealed record LabelsBody(IReadOnlyList<string> Labels);

public sealed record CustomAttributesBody(JsonObject CustomAttributes);

/// <summary>Only the fields to change; Chatwoot merges custom and additional attributes.</summary>
public sealed record ContactUpdate(
    string? Name = null,
    string? Email = null,
    string? PhoneNumber = null,
    string? Identifier = null,
    JsonObject? AdditionalAttributes = null,
    JsonObject? CustomAttributes = null);
