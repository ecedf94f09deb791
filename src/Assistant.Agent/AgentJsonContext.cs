using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Agent;

/// <summary>How tool arguments and results travel to and from the model: camelCase, enums as strings.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IDictionary<string, object?>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
