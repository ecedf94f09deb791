using Assistant.Engine.Contract;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Assistant.Agent;

/// <summary>Notes every model call of a run (start, duration, tokens, how it ended) for the decision timeline.</summary>
public sealed class RoundRecorder(IChatClient inner, List<ModelRoundRecord> rounds, TimeProvider clock) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var startedAt = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        var tools = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.Name).ToList();
        lock (rounds)
        {
            rounds.Add(new ModelRoundRecord(startedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0,
                tools.Count > 0 ? $"tools: {string.Join(", ", tools)}" : "answer"));
        }

        return response;
    }
}
