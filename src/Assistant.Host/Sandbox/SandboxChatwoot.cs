using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Assistant.Host.Sandbox;

/// <summary>
/// An in-process stand-in for the Chatwoot API an agent bot uses, for one conversation: the assistant's real client
/// talks to it over HTTP, and everything it does becomes a <see cref="SandboxEvent"/> for the terminal.
/// </summary>
public sealed class SandboxChatwoot : IAsyncDisposable
{
    public const long AccountId = 1;
    private readonly WebApplication _app;
    private readonly Channel<SandboxEvent> _events = Channel.CreateUnbounded<SandboxEvent>();
    // Chatwoot's message ids are unique across conversations and time; so must the sandbox's be, run after run.
    private long _nextMessageId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private SandboxChatwoot(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The conversation being played; a reset starts a new one.</summary>
    public long ConversationId { get; private set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public ChannelReader<SandboxEvent> Events => _events.Reader;

    public string Status { get; set; } = "pending";

    public long? AssigneeId { get; private set; }

    public long? TeamId { get; private set; }

    public List<string> Labels { get; } = [];

    /// <summary>Messages the bot posted, by id (for answering its choices and forms).</summary>
    public ConcurrentDictionary<long, JsonObject> Messages { get; } = new();

    public long NextMessageId() => Interlocked.Increment(ref _nextMessageId);

    public static async Task<SandboxChatwoot> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sandbox = new SandboxChatwoot(app);
        sandbox.Map();
        await app.StartAsync();
        sandbox.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return sandbox;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public void Reset()
    {
        (Status, AssigneeId, TeamId) = ("pending", null, null);
        ConversationId++;
        Labels.Clear();
        Messages.Clear();
    }

    private void Map()
    {
        var conversation = $"/api/v1/accounts/{AccountId}/conversations/{{conversationId:long}}";
        _app.MapGet(conversation, () => Results.Json(ConversationJson(), statusCode: 200));
        _app.MapPost($"{conversation}/messages", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var id = NextMessageId();
            body["id"] = id;
            Messages[id] = body;
            Emit(body["private"]?.GetValue<bool>() == true ? "note" : "message", body["content"]?.GetValue<string>() ?? string.Empty, body);
            return Results.Json(body);
        });
        _app.MapPost($"{conversation}/toggle_status", async (HttpRequest request) =>
        {
            Status = (await ReadAsync(request))["status"]!.GetValue<string>();
            Emit("status", Status);
            return Results.Json(new JsonObject { ["payload"] = new JsonObject { ["success"] = true, ["current_status"] = Status } });
        });
        _app.MapPost($"{conversation}/toggle_typing_status", async (HttpRequest request) =>
        {
            Emit("typing", (await ReadAsync(request))["typing_status"]!.GetValue<string>());
            return Results.Ok();
        });
        _app.MapPost($"{conversation}/toggle_priority", async (HttpRequest request) =>
        {
            Emit("priority", (await ReadAsync(request))["priority"]?.GetValue<string>() ?? "none");
            return Results.Ok();
        });
        _app.MapGet($"{conversation}/labels", () => Results.Json(new JsonObject { ["payload"] = new JsonArray([.. Labels.Select(l => (JsonNode)l)]) }));
        _app.MapPost($"{conversation}/labels", async (HttpRequest request) =>
        {
            Labels.Clear();
            Labels.AddRange((await ReadAsync(request))["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
            Emit("labels", string.Join(", ", Labels));
            return Results.Json(new JsonObject { ["payload"] = new JsonArray([.. Labels.Select(l => (JsonNode)l)]) });
        });
        _app.MapPost($"{conversation}/assignments", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (body.ContainsKey("assignee_id"))
            {
                AssigneeId = body["assignee_id"]?.GetValue<long>();
                Emit("assignee", AssigneeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
                return Results.Json(new JsonObject { ["id"] = AssigneeId });
            }

            TeamId = body["team_id"]?.GetValue<long>();
            Emit("team", TeamId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            return Results.Json(new JsonObject { ["id"] = TeamId });
        });
        _app.MapPost($"{conversation}/custom_attributes", () => Results.Ok());
    }

    public JsonObject ConversationJson() => new()
    {
        ["id"] = ConversationId,
        ["status"] = Status,
        ["labels"] = new JsonArray([.. Labels.Select(l => (JsonNode)l)]),
        ["meta"] = new JsonObject
        {
            ["assignee"] = AssigneeId is { } a ? new JsonObject { ["id"] = a, ["type"] = "user" } : null,
            ["team"] = TeamId is { } t ? new JsonObject { ["id"] = t } : null,
        },
        ["custom_attributes"] = new JsonObject(),
        ["updated_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
    };

    private void Emit(string kind, string text, JsonObject? message = null) => _events.Writer.TryWrite(new SandboxEvent(kind, text, message));

    private static async Task<JsonObject> ReadAsync(HttpRequest request) =>
        (await System.Text.Json.JsonSerializer.DeserializeAsync(request.Body, SandboxJsonContext.Default.JsonObject)) ?? [];
}
