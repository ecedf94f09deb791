using System.Text.Json.Serialization;
using Assistant.Engine.Store;

namespace Assistant.Stores;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShippingAddress))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
