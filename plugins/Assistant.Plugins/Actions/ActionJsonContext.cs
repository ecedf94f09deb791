using System.Text.Json.Serialization;

namespace Assistant.Plugins.Actions;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ActionDetails))]
internal sealed partial class ActionJsonContext : JsonSerializerContext;
