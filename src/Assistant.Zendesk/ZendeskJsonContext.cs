using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Zendesk;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ZendeskJsonContext : JsonSerializerContext;
