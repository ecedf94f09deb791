using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Zendesk;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// A WireMock.Net stand-in for Zendesk Support: users, tickets (honouring Idempotency-Key), comments with ids from the
/// update's audit, status. Like Zendesk, it can echo every comment written through the API back to the bridge as a
/// signed <c>ticket.comment_added</c> event.
/// </summary>
public sealed class FakeZendesk : FakeHttpServer
{
    public const long BridgeUserId = 500;
    public const long RequesterId = 900;
    public const string Secret = "zendesk-signing-secret";
    private readonly ConcurrentDictionary<string, long> _idempotency = new();
    private readonly ConcurrentBag<Task> _echoes = [];
    private long _nextTicket = 100;
    private long _nextComment = 7000;

    private FakeZendesk()
    {
        On("GET", "/api/v2/users/me", FakeResponse.Json($$$"""{"user":{"id":{{{BridgeUserId}}},"name":"Bridge"}}"""));
        On("POST", "/api/v2/users", CreateUser);
        On("GET", "/api/v2/users/search", SearchUsers);
        OnAsync("POST", "/api/v2/tickets", CreateTicketAsync);
    }

    public ConcurrentDictionary<long, FakeTicket> Tickets { get; } = new();

    /// <summary>End users by external id, as the bridge created them (or a test placed them).</summary>
    public ConcurrentDictionary<string, long> UsersByExternalId { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Users by email address (an agent, a customer created by another integration); Zendesk keeps emails unique.</summary>
    public ConcurrentDictionary<string, long> UsersByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The next ticket create is stored but answered 500, as when Zendesk's response is lost.</summary>
    public bool LoseNextCreateResponse { get; set; }

    /// <summary>Runs after a ticket is stored and before the create call is answered, as Zendesk's triggers do.</summary>
    public Func<FakeTicket, Task>? WhileCreating { get; set; }

    /// <summary>Where echoes go; null disables them.</summary>
    public HttpClient? EchoTo { get; set; }

    public static Task<FakeZendesk> StartAsync() => Task.FromResult(new FakeZendesk());

    /// <summary>A signed event-subscription webhook as Zendesk sends it.</summary>
    public static HttpRequestMessage SignedEvent(string body, string secret = Secret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/zendesk") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Zendesk-Webhook-Signature", ZendeskWebhookAuthenticator.Sign(secret, timestamp, bytes));
        return request;
    }

    public static string CommentAdded(
        long ticketId, long commentId, string body, bool isPublic, long authorId, bool isStaff, string? eventId = null, string? externalId = null) => new JsonObject
        {
            ["id"] = eventId ?? Guid.NewGuid().ToString(),
            ["type"] = "zen:event-type:ticket.comment_added",
            ["subject"] = $"zen:ticket:{ticketId}",
            ["time"] = "2026-11-22T08:00:00.123456789Z",
            ["account_id"] = 25597520,
            ["detail"] = new JsonObject { ["id"] = ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "OPEN", ["external_id"] = externalId },
            ["event"] = new JsonObject
            {
                ["comment"] = new JsonObject
                {
                    ["id"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["body"] = body,
                    ["is_public"] = isPublic,
                    ["author"] = new JsonObject { ["id"] = authorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["is_staff"] = isStaff, ["name"] = "Someone" },
                },
            },
            ["zendesk_event_version"] = "2022-11-06",
        }.ToJsonString();

    public static string StatusChanged(long ticketId, string previous, string current) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["type"] = "zen:event-type:ticket.status_changed",
        ["subject"] = $"zen:ticket:{ticketId}",
        ["detail"] = new JsonObject { ["id"] = ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = current },
        ["event"] = new JsonObject { ["previous"] = previous, ["current"] = current },
    }.ToJsonString();

    /// <summary>Zendesk's Create User: 201, or 422 <c>RecordInvalid</c> with <c>DuplicateValue</c> for a taken email or external id.</summary>
    private FakeResponse CreateUser(RecordedRequest request)
    {
        var user = request.Json.GetProperty("user");
        var externalId = user.GetProperty("external_id").GetString()!;
        var email = user.TryGetProperty("email", out var e) ? e.GetString() : null;
        if (UsersByExternalId.ContainsKey(externalId))
        {
            return Duplicate("external_id", "External has already been taken");
        }

        if (email is not null && UsersByEmail.ContainsKey(email))
        {
            return Duplicate("email", $"Email: {email} is already being used by another user");
        }

        var id = RequesterId + UsersByExternalId.Count;
        UsersByExternalId[externalId] = id;
        if (email is not null)
        {
            UsersByEmail[email] = id;
        }

        return new FakeResponse(HttpStatusCode.Created, $$$"""{"user":{"id":{{{id}}},"role":"end-user"}}""");
    }

    private static FakeResponse Duplicate(string field, string description) => FakeResponse.Error(HttpStatusCode.UnprocessableEntity,
        new JsonObject
        {
            ["error"] = "RecordInvalid",
            ["description"] = "Record validation errors",
            ["details"] = new JsonObject { [field] = new JsonArray(new JsonObject { ["description"] = description, ["error"] = "DuplicateValue" }) },
        }.ToJsonString());

    private FakeResponse SearchUsers(RecordedRequest request)
    {
        var externalId = System.Web.HttpUtility.ParseQueryString(request.Query)["external_id"] ?? string.Empty;
        return FakeResponse.Json(UsersByExternalId.TryGetValue(externalId, out var id) ? $$$"""{"users":[{"id":{{{id}}},"role":"end-user"}]}""" : """{"users":[]}""");
    }

    private async Task<FakeResponse> CreateTicketAsync(RecordedRequest request)
    {
        var key = request.Header("idempotency-key") ?? Guid.NewGuid().ToString();
        if (_idempotency.TryGetValue(key, out var existing))
        {
            var ticket = Tickets[existing];
            return new FakeResponse(HttpStatusCode.Created, Response(ticket, ticket.Comments[0].Id), new Dictionary<string, string> { ["x-idempotency-lookup"] = "hit" });
        }

        var json = request.Json.GetProperty("ticket");
        var created = new FakeTicket(Interlocked.Increment(ref _nextTicket), json.GetProperty("subject").GetString()!, json.GetProperty("external_id").GetString()!);
        var comment = AddComment(created, json.GetProperty("comment"));
        Tickets[created.Id] = created;
        _idempotency[key] = created.Id;
        On("PUT", $"/api/v2/tickets/{created.Id}", UpdateTicket);
        On("GET", $"/api/v2/tickets/{created.Id}/comments", _ => FakeResponse.Json(CommentsJson(created)));
        Echo(created, comment);
        if (WhileCreating is { } trigger)
        {
            await trigger(created);
        }

        if (LoseNextCreateResponse)
        {
            LoseNextCreateResponse = false;
            return FakeResponse.Error(HttpStatusCode.InternalServerError);
        }

        return new FakeResponse(HttpStatusCode.Created, Response(created, comment.Id));
    }

    private FakeResponse UpdateTicket(RecordedRequest request)
    {
        var ticket = Tickets[long.Parse(request.Path[(request.Path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture)];
        var json = request.Json.GetProperty("ticket");
        if (json.TryGetProperty("status", out var status))
        {
            ticket.Status = status.GetString()!;
        }

        long? commentId = null;
        if (json.TryGetProperty("comment", out var commentJson))
        {
            var comment = AddComment(ticket, commentJson);
            commentId = comment.Id;
            Echo(ticket, comment);
        }

        return FakeResponse.Json(Response(ticket, commentId));
    }

    private FakeComment AddComment(FakeTicket ticket, JsonElement json)
    {
        var comment = new FakeComment(Interlocked.Increment(ref _nextComment), json.GetProperty("body").GetString()!,
            json.GetProperty("public").GetBoolean(), json.TryGetProperty("author_id", out var author) ? author.GetInt64() : BridgeUserId);
        ticket.Comments.Add(comment);
        return comment;
    }

    /// <summary>Completes once every echo sent so far was answered by the service (stored, or refused).</summary>
    public Task EchoesDeliveredAsync() => Task.WhenAll(_echoes);

    private void Echo(FakeTicket ticket, FakeComment comment)
    {
        if (EchoTo is { } http)
        {
            var body = CommentAdded(ticket.Id, comment.Id, comment.Body, comment.Public, comment.AuthorId, comment.AuthorId == BridgeUserId);
            _echoes.Add(Task.Run(async () =>
            {
                using var request = SignedEvent(body);
                using var response = await http.SendAsync(request);
            }));
        }
    }

    private static string CommentsJson(FakeTicket ticket) => new JsonObject
    {
        ["comments"] = new JsonArray([.. ticket.Comments.AsEnumerable().Reverse().Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id, ["type"] = "Comment", ["author_id"] = c.AuthorId, ["body"] = c.Body, ["public"] = c.Public, ["created_at"] = "2026-11-22T08:00:00Z",
        })]),
        ["users"] = new JsonArray(
            new JsonObject { ["id"] = BridgeUserId, ["role"] = "agent" },
            new JsonObject { ["id"] = RequesterId, ["role"] = "end-user" },
            new JsonObject { ["id"] = 777, ["role"] = "agent" }),
    }.ToJsonString();

    private static string Response(FakeTicket ticket, long? commentId) => new JsonObject
    {
        ["ticket"] = new JsonObject { ["id"] = ticket.Id, ["status"] = ticket.Status, ["requester_id"] = RequesterId },
        ["audit"] = new JsonObject
        {
            ["events"] = commentId is { } id ? new JsonArray(new JsonObject { ["id"] = id, ["type"] = "Comment" }) : new JsonArray(),
        },
    }.ToJsonString();

    public sealed class FakeTicket(long id, string subject, string externalId)
    {
        public long Id { get; } = id;

        public string Subject { get; } = subject;

        public string ExternalId { get; } = externalId;

        public string Status { get; set; } = "new";

        public List<FakeComment> Comments { get; } = [];
    }

    public sealed record FakeComment(long Id, string Body, bool Public, long AuthorId);
}
