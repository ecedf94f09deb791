using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Assistant.Bench;

/// <summary>
/// Chatwoot and an OpenAI-compatible model in one Kestrel app: Chatwoot answers at once and notes when each
/// conversation's reply arrives; the model takes a fixed time and notes how long it held each request.
/// </summary>
public sealed class FakeUpstreams : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _nextMessageId = 5_000_000;

    private FakeUpstreams(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentDictionary<long, long> ReplyTimestamps { get; } = new();

    public ConcurrentQueue<double> ModelMilliseconds { get; } = new();

    public ConcurrentQueue<string> ModelRequests { get; } = new();

    public static async Task<FakeUpstreams> StartAsync(TimeSpan modelLatency)
    {
        var port = ChildProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var fakes = new FakeUpstreams(builder.Build()) { BaseUrl = new Uri($"http://127.0.0.1:{port}/") };
        fakes.Map(modelLatency);
        await fakes._app.StartAsync();
        return fakes;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Map(TimeSpan modelLatency)
    {
        const string conversation = "/api/v1/accounts/{account:long}/conversations/{id:long}";
        _app.MapGet(conversation, (long account, long id) => Results.Text(ConversationJson(account, id), "application/json"));
        _app.MapPost(conversation + "/messages", async (long id, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            if (body?["private"]?.GetValue<bool>() != true)
            {
                ReplyTimestamps.TryAdd(id, Stopwatch.GetTimestamp());
            }

            return Results.Json(new { id = Interlocked.Increment(ref _nextMessageId), content = body?["content"]?.ToString() });
        });
        _app.MapPost(conversation + "/toggle_typing_status", () => Results.Ok());
        _app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(request.Body);
            ModelRequests.Enqueue(await reader.ReadToEndAsync());
            await Task.Delay(modelLatency);
            var response = Results.Text(Completion, "application/json");
            ModelMilliseconds.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        });
    }

    private static string ConversationJson(long account, long id) => new JsonObject
    {
        ["id"] = id,
        ["account_id"] = account,
        ["inbox_id"] = 3,
        ["status"] = "pending",
        ["channel"] = "Channel::WebWidget",
        ["labels"] = new JsonArray(),
        ["custom_attributes"] = new JsonObject(),
        ["meta"] = new JsonObject { ["assignee"] = null, ["team"] = null, ["hmac_verified"] = true },
        ["updated_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
    }.ToJsonString();

    // An answer the reply gate passes (no promised delivery date, no number the customer did not write), so the
    // benchmark measures one model call per turn, as a normal turn makes.
    private const string Completion = """
        {"id":"chatcmpl-bench","object":"chat.completion","created":1781691630,"model":"gpt-bench",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Your order 1042 has shipped; the link in your order confirmation shows where it is."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":900,"completion_tokens":15,"total_tokens":915}}
        """;
}
