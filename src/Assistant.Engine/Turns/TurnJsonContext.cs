using System.Text.Json.Serialization;

namespace Assistant.Engine.Turns;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TurnDue))]
[JsonSerializable(typeof(PlannedAction))]
[JsonSerializable(typeof(IReadOnlyList<Gate.GateVerdict>))]
internal sealed partial class TurnJsonContext : JsonSerializerContext;
