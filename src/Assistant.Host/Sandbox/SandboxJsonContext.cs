using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Host.Sandbox;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
