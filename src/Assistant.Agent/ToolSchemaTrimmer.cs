using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Assistant.Agent;

/// <summary>
/// Sits between Semantic Kernel's function invoker and the model: Semantic Kernel's parameter schemas repeat each
/// function's description under a <c>condition</c> key, which the model is already sent as the description. Every
/// turn would pay those tokens again (about 140 on the 1,200-token prompt budget), so they are left out of what the
/// model is sent; the invoker still sees the functions as they are.
/// </summary>
public sealed class ToolSchemaTrimmer(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Trimmed(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Trimmed(options), cancellationToken);

    /// <summary>The schema without the keys that only repeat the description.</summary>
    public static JsonElement Trim(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("condition", out _))
        {
            return schema;
        }

        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        node.Remove("condition");
        return JsonSerializer.SerializeToElement(node);
    }

    private static ChatOptions? Trimmed(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools)
        {
            return options;
        }

        var clone = options.Clone();
        clone.Tools = [.. tools.Select(t => t is AIFunction function ? new TrimmedFunction(function) : t)];
        return clone;
    }

    private sealed class TrimmedFunction(AIFunction inner) : DelegatingAIFunction(inner)
    {
        private readonly JsonElement _schema = Trim(inner.JsonSchema);

        public override JsonElement JsonSchema => _schema;
    }
}
