using System.Text.Json.Serialization;

namespace Assistant.Engine.Turns;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TurnDue))]
[JsonSerializable(typeof(PlannedAction))]
internal sealed partial class TurnJsonContext : JsonSerializerContext;
