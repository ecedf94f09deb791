using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// A scripted OpenAI chat-completions server on WireMock.Net: the real OpenAI SDK talks to it over HTTP. Each request
/// takes the next scripted reply (the last one repeats); every request is recorded.
/// </summary>
public sealed class FakeOpenAI : FakeHttpServer
{
    private readonly ConcurrentQueue<Func<RecordedRequest, Task<FakeResponse>>> _script = new();
    private Func<RecordedRequest, Task<FakeResponse>>? _last;
    private int _calls;

    private FakeOpenAI()
    {
        OnAsync("POST", "/v1/chat/completions", Next);
    }

    public Uri Endpoint => new(BaseUrl, "v1");

    public IReadOnlyList<JsonElement> Completions => [.. RequestsTo("POST", "/v1/chat/completions").Select(r => r.Json)];

    public static Task<FakeOpenAI> StartAsync() => Task.FromResult(new FakeOpenAI());

    /// <summary>The usage every scripted answer reports.</summary>
    public const int PromptTokens = 120;

    public const int CompletionTokens = 15;

    public FakeOpenAI ThenToolCall(string name, string argumentsJson) => ThenToolCalls((name, argumentsJson));

    /// <summary>One answer asking for several tools at once, in order.</summary>
    public FakeOpenAI ThenToolCalls(params (string Name, string ArgumentsJson)[] calls) =>
        Then(_ => Task.FromResult(FakeResponse.Json(Completion(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray([.. calls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{Interlocked.Increment(ref _calls)}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            })]),
        }, "tool_calls"))));

    public FakeOpenAI ThenText(string text) =>
        Then(_ => Task.FromResult(FakeResponse.Json(Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop"))));

    public FakeOpenAI ThenStatus(HttpStatusCode status) =>
        Then(_ => Task.FromResult(FakeResponse.Error(status, """{"error":{"message":"scripted failure","type":"server_error"}}""")));

    /// <summary>Answers with <paramref name="text"/> after <paramref name="latency"/>, like a model that takes its time.</summary>
    public FakeOpenAI ThenSlowText(string text, TimeSpan latency) =>
        Then(async request =>
        {
            await Task.Delay(latency, request.Aborted);
            return FakeResponse.Json(Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop"));
        });

    /// <summary>Never answers: the request is held until the client gives up on it.</summary>
    public FakeOpenAI ThenHang() =>
        Then(async request =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, request.Aborted);
            throw new InvalidOperationException("unreachable");
        });

    private FakeOpenAI Then(Func<RecordedRequest, Task<FakeResponse>> reply)
    {
        _script.Enqueue(reply);
        return this;
    }

    private Task<FakeResponse> Next(RecordedRequest request)
    {
        if (_script.TryDequeue(out var reply))
        {
            _last = reply;
        }

        return (_last ?? throw new InvalidOperationException("The fake OpenAI server has no scripted reply.")).Invoke(request);
    }

    private static string Completion(JsonObject message, string finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1781691630,
        ["model"] = "gpt-test",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens },
    }.ToJsonString();
}
