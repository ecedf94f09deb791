using System.Diagnostics;
using System.Text.Json;
using Assistant.Engine.Contract;

namespace Assistant.Agent;

/// <summary>
/// Sees every request the connector sends the model: a <c>chat</c> span for it (no message text: prompts carry
/// customers' words) and, for the run that made it, a record for the decision timeline (start, duration, tokens, the
/// tools the model asked for). The run is the one that opened <see cref="Recording"/> in its async flow: the
/// connector is shared by every turn.
/// </summary>
public sealed class ModelCallRecorder(string model, TimeProvider clock) : DelegatingHandler
{
    private static readonly AsyncLocal<List<ModelRoundRecord>?> Current = new();

    /// <summary>The model calls made from here on in this async flow are noted in <paramref name="rounds"/>, until disposed.</summary>
    public static IDisposable Recording(List<ModelRoundRecord> rounds)
    {
        var outer = Current.Value;
        Current.Value = rounds;
        return new Restore(outer);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = ModelClient.Telemetry.StartActivity($"chat {model}", ActivityKind.Client);
        activity?.SetTag("gen_ai.operation.name", "chat");
        activity?.SetTag("gen_ai.request.model", model);
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {(int)response.StatusCode}");
            return response;
        }

        if (Current.Value is null && activity is null)
        {
            return response;
        }

        // Buffered, so the SDK still reads the whole answer after this.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var answer = Answer.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        activity?.SetTag("gen_ai.usage.input_tokens", answer.InputTokens);
        activity?.SetTag("gen_ai.usage.output_tokens", answer.OutputTokens);
        if (Current.Value is { } list)
        {
            var round = new ModelRoundRecord(startedAt, clock.GetElapsedTime(started).TotalMilliseconds, answer.InputTokens, answer.OutputTokens,
                answer.Tools.Count > 0 ? $"tools: {string.Join(", ", answer.Tools)}" : "answer");
            lock (list)
            {
                list.Add(round);
            }
        }

        return response;
    }

    private sealed class Restore(List<ModelRoundRecord>? outer) : IDisposable
    {
        public void Dispose() => Current.Value = outer;
    }

    /// <summary>What the timeline keeps of a chat completion: its usage and the tools it asked for.</summary>
    private sealed record Answer(long InputTokens, long OutputTokens, IReadOnlyList<string> Tools)
    {
        public static Answer Read(byte[] json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                var usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
                var tools = new List<string>();
                if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
                {
                    foreach (var choice in choices.EnumerateArray())
                    {
                        if (choice.TryGetProperty("message", out var message) && message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                        {
                            tools.AddRange(calls.EnumerateArray().Select(c => c.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var n) ? n.GetString() : null)
                                .OfType<string>());
                        }
                    }
                }

                return new Answer(Tokens(usage, "prompt_tokens"), Tokens(usage, "completion_tokens"), tools);
            }
            catch (JsonException)
            {
                // Not for the timeline to judge: the SDK reports an answer it cannot read.
                return new Answer(0, 0, []);
            }
        }

        private static long Tokens(JsonElement usage, string name) =>
            usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty(name, out var value) && value.TryGetInt64(out var tokens) ? tokens : 0;
    }
}
