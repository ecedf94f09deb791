using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// A WireMock.Net-hosted stand-in for Chatwoot's application API, as an agent bot's token sees it: it keeps each
/// conversation's status, assignment, labels and posted messages, and checks the <c>api_access_token</c> header.
/// </summary>
public sealed class FakeChatwoot : FakeHttpServer
{
    public const string BotToken = "bot-token-secret";
    public const string UserToken = "user-token-secret";
    private long _nextMessageId = 10_000;

    private FakeChatwoot()
    {
        OnAnyUnder("/api/v1/accounts/*/conversations/*", FakeResponse.Error(HttpStatusCode.NotFound, """{"error":"Resource could not be found"}"""));
    }

    public ConcurrentDictionary<(long Account, long Conversation), FakeConversation> Conversations { get; } = new();

    public static Task<FakeChatwoot> StartAsync() => Task.FromResult(new FakeChatwoot());

    public FakeConversation AddConversation(long accountId, long conversationId, string status = "pending")
    {
        var conversation = new FakeConversation(accountId, conversationId) { Status = status };
        Conversations[(accountId, conversationId)] = conversation;
        var path = $"/api/v1/accounts/{accountId}/conversations/{conversationId}";
        On("GET", path, request => Authorized(request, () => FakeResponse.Json(conversation.ToJson())));
        On("GET", $"{path}/messages", request => Authorized(request, () => FakeResponse.Json(conversation.HistoryJson()), userOnly: true));
        On("POST", $"{path}/messages", request => Authorized(request, () =>
        {
            var id = Interlocked.Increment(ref _nextMessageId);
            conversation.Messages.Enqueue(request.Json.Clone());
            conversation.History.Enqueue((id, request.Json.Clone(), DateTimeOffset.UtcNow));
            SendEcho(conversationId, id, request.Json);
            return FakeResponse.Json($$"""{"id":{{id}},"content":{{JsonSerializer.Serialize(request.Json.GetProperty("content").GetString())}},"conversation_id":{{conversationId}},"message_type":1}""");
        }));
        On("POST", $"{path}/toggle_status", request => Authorized(request, () =>
        {
            conversation.Status = request.Json.GetProperty("status").GetString()!;
            return FakeResponse.Json($$$"""{"meta":{},"payload":{"success":true,"conversation_id":{{{conversationId}}},"current_status":"{{{conversation.Status}}}","snoozed_until":null}}""");
        }));
        On("POST", $"{path}/toggle_typing_status", request => Authorized(request, () =>
        {
            conversation.Typing.Enqueue(request.Json.GetProperty("typing_status").GetString()!);
            return new FakeResponse(HttpStatusCode.OK);
        }));
        On("POST", $"{path}/toggle_priority", request => Authorized(request, () =>
        {
            conversation.Priority = request.Json.GetProperty("priority").GetString();
            return new FakeResponse(HttpStatusCode.OK);
        }));
        On("POST", $"{path}/assignments", request => Authorized(request, () =>
        {
            var json = request.Json;
            if (json.TryGetProperty("assignee_id", out var assignee))
            {
                conversation.AssigneeId = assignee.ValueKind == JsonValueKind.Null ? null : assignee.GetInt64();
                return FakeResponse.Json(conversation.AssigneeId is { } a ? $$"""{"id":{{a}},"name":"Agent {{a}}"}""" : "null");
            }

            conversation.TeamId = json.GetProperty("team_id").ValueKind == JsonValueKind.Null ? null : json.GetProperty("team_id").GetInt64();
            return FakeResponse.Json(conversation.TeamId is { } t ? $$"""{"id":{{t}},"name":"Team {{t}}"}""" : "null");
        }));
        On("GET", $"{path}/labels", request => Authorized(request, () =>
            FakeResponse.Json(new JsonObject { ["payload"] = new JsonArray([.. conversation.Labels.Select(l => (JsonNode)l)]) }.ToJsonString())));
        On("POST", $"{path}/labels", request => Authorized(request, () =>
        {
            conversation.Labels = [.. request.Json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)];
            return FakeResponse.Json(new JsonObject { ["payload"] = new JsonArray([.. conversation.Labels.Select(l => (JsonNode)l)]) }.ToJsonString());
        }));
        On("POST", $"{path}/custom_attributes", request => Authorized(request, () =>
        {
            conversation.CustomAttributes = JsonNode.Parse(request.Json.GetProperty("custom_attributes").GetRawText())!.AsObject();
            return FakeResponse.Json(new JsonObject { ["custom_attributes"] = conversation.CustomAttributes.DeepClone() }.ToJsonString());
        }));
        return conversation;
    }

    /// <summary>When set, every stored message is echoed back as a signed <c>message_created</c> webhook, as Chatwoot does;
    /// like Chatwoot, an echo that cannot be delivered is dropped.</summary>
    public HttpClient? EchoTo { get; set; }

    private void SendEcho(long conversationId, long messageId, JsonElement message)
    {
        if (EchoTo is not { } target || (message.TryGetProperty("private", out var isPrivate) && isPrivate.GetBoolean()))
        {
            return;
        }

        var echo = new MessageWebhookBuilder(conversationId).WithId(messageId).FromBot().WithContent(message.GetProperty("content").GetString());
        _ = Task.Run(async () =>
        {
            try
            {
                using var response = await target.PostSignedAsync(echo.ToJson());
            }
            catch (HttpRequestException)
            {
            }
        });
    }

    /// <summary>Chatwoot's bot allow-list: contacts and message history need a user token.</summary>
    public static FakeResponse Authorized(RecordedRequest request, Func<FakeResponse> respond, bool userOnly = false)
    {
        var token = request.Header("api_access_token");
        if (token == UserToken || (!userOnly && token == BotToken))
        {
            return respond();
        }

        return token == BotToken
            ? FakeResponse.Error(HttpStatusCode.Unauthorized, """{"error":"Access to this endpoint is not authorized for bots"}""")
            : FakeResponse.Error(HttpStatusCode.Unauthorized, """{"error":"Invalid Access Token"}""");
    }

    public sealed class FakeConversation(long accountId, long conversationId)
    {
        public long AccountId { get; } = accountId;

        public long ConversationId { get; } = conversationId;

        public string Status { get; set; } = "pending";

        public long? AssigneeId { get; set; }

        public long? TeamId { get; set; }

        public string? Priority { get; set; }

        public string[] Labels { get; set; } = [];

        /// <summary>False once WhatsApp's 24-hour window has closed: Chatwoot then fails free-form messages.</summary>
        public bool CanReply { get; set; } = true;

        public JsonObject CustomAttributes { get; set; } = [];

        public ConcurrentQueue<JsonElement> Messages { get; } = new();

        public ConcurrentQueue<string> Typing { get; } = new();

        /// <summary>What Chatwoot's message list (user token) returns: the messages it stored, with their ids.</summary>
        public ConcurrentQueue<(long Id, JsonElement Message, DateTimeOffset CreatedAt)> History { get; } = new();

        public string HistoryJson() => new JsonObject
        {
            ["payload"] = new JsonArray([.. History.Select(h => (JsonNode)new JsonObject
            {
                ["id"] = h.Id,
                ["content"] = h.Message.GetProperty("content").GetString(),
                ["content_type"] = h.Message.TryGetProperty("content_type", out var type) ? type.GetString() : "text",
                ["message_type"] = 1,
                ["private"] = h.Message.TryGetProperty("private", out var isPrivate) && isPrivate.GetBoolean(),
                ["created_at"] = h.CreatedAt.ToUnixTimeSeconds(),
                ["sender"] = new JsonObject { ["id"] = 5, ["name"] = "Support Bot", ["type"] = "agent_bot" },
            })]),
        }.ToJsonString();

        public string ToJson() => new ConversationJsonBuilder(ConversationId, AccountId)
            .WithStatus(Status)
            .WithAssignee(AssigneeId)
            .WithTeam(TeamId)
            .WithLabels(Labels)
            .WithCustomAttributes(CustomAttributes)
            .WithCanReply(CanReply)
            .Build()
            .ToJsonString();
    }
}
