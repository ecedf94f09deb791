using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Chatwoot.Api;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateMessageBody))]
[JsonSerializable(typeof(ToggleStatusBody))]
[JsonSerializable(typeof(ToggleTypingBody))]
[JsonSerializable(typeof(TogglePriorityBody))]
[JsonSerializable(typeof(AgentAssignmentBody))]
[JsonSerializable(typeof(TeamAssignmentBody))]
[JsonSerializable(typeof(LabelsBody))]
[JsonSerializable(typeof(CustomAttributesBody))]
[JsonSerializable(typeof(ContactUpdate))]
[JsonSerializable(typeof(IReadOnlyList<SelectItem>))]
[JsonSerializable(typeof(IReadOnlyList<CardItem>))]
[JsonSerializable(typeof(IReadOnlyList<FormField>))]
[JsonSerializable(typeof(IReadOnlyList<ArticleItem>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ChatwootJsonContext : JsonSerializerContext;
