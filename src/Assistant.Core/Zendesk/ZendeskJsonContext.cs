using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Core.Zendesk;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ZendeskJsonContext : JsonSerializerContext;
