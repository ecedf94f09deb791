using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Transport;
using Microsoft.Extensions.Options;
using Refit;

namespace Assistant.Zendesk;

/// <summary>The Zendesk Support API calls the bridge makes (reference/zendesk.md §2–3), as the dedicated bridge agent.</summary>
public sealed class ZendeskClient(IZendeskApi api, IOptionsMonitor<ZendeskOptions> options)
{
    /// <summary>The user that holds <paramref name="externalId"/>, if any (an exact match, not a search).</summary>
    public async Task<long?> FindUserByExternalIdAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await SendAsync("find user", () => api.SearchUsersByExternalIdAsync(externalId, cancellationToken), cancellationToken);
        return response.Property("users") is { ValueKind: JsonValueKind.Array } users
            ? users.EnumerateArray().Select(u => u.Property("id").Int64()).FirstOrDefault(id => id is not null)
            : null;
    }

    /// <summary>
    /// Creates the end user for a Chatwoot contact, keyed on <paramref name="externalId"/>, and never writes to an
    /// existing user: when the email already belongs to someone (an agent, say), the user is created without it, and
    /// when a concurrent create took the external id, that user is used. No <c>role</c> is sent: new users are end users.
    /// </summary>
    /// <param name="verifiedEmail">Only an address the channel proved: an unproven one would claim another person's.</param>
    public async Task<long> CreateEndUserAsync(string name, string? verifiedEmail, string externalId, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateUserAsync(name, verifiedEmail, externalId, cancellationToken);
        }
        catch (ZendeskDuplicateValueException ex) when (ex.Fields.Contains("external_id"))
        {
            if (await FindUserByExternalIdAsync(externalId, cancellationToken) is { } existing)
            {
                return existing;
            }

            throw;
        }
        catch (ZendeskDuplicateValueException ex) when (ex.Fields.Contains("email") && verifiedEmail is not null)
        {
            return await CreateEndUserAsync(name, null, externalId, cancellationToken);
        }
    }

    private async Task<long> CreateUserAsync(string name, string? email, string externalId, CancellationToken cancellationToken)
    {
        var user = new JsonObject { ["name"] = name, ["external_id"] = externalId, ["skip_verify_email"] = true };
        if (!string.IsNullOrWhiteSpace(email))
        {
            user["email"] = email;
        }

        var response = await SendAsync("create user", () => api.CreateUserAsync(new JsonObject { ["user"] = user }, cancellationToken), cancellationToken);
        return response.Path("user", "id").Int64() ?? throw new ZendeskApiException("create user", null, "Zendesk's answer has no user id.");
    }

    /// <summary>A user's name and email.</summary>
    public async Task<(string Name, string? Email)> GetUserAsync(long userId, CancellationToken cancellationToken)
    {
        var response = await SendAsync("get user", () => api.GetUserAsync(userId, cancellationToken), cancellationToken);
        return (response.Path("user", "name").String() ?? $"Zendesk user {userId}", response.Path("user", "email").String());
    }

    /// <summary>The bridge agent's own user id: comments it authored are never brought back.</summary>
    public async Task<long> GetMeAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync("get me", () => api.GetMeAsync(cancellationToken), cancellationToken);
        return response.Path("user", "id").Int64() ?? throw new ZendeskApiException("get me", null, "Zendesk's answer has no user id.");
    }

    /// <summary>Creates a ticket with its first comment; the idempotency key makes a retried create return the same ticket.</summary>
    /// <param name="followUpOf">A closed ticket this one continues (Zendesk links them).</param>
    public async Task<(long TicketId, long? CommentId)> CreateTicketAsync(
        string subject, long requesterId, string externalId, IReadOnlyList<string> tags, ZendeskComment comment, string idempotencyKey,
        CancellationToken cancellationToken, long? followUpOf = null)
    {
        var ticket = new JsonObject
        {
            ["subject"] = subject,
            ["requester_id"] = requesterId,
            ["external_id"] = externalId,
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
            ["comment"] = comment.ToJson(),
        };
        if (followUpOf is { } closed)
        {
            ticket["via_followup_source_id"] = closed;
        }

        var body = new JsonObject { ["ticket"] = ticket };
        var response = await SendAsync("create ticket", () => api.CreateTicketAsync(body, idempotencyKey, cancellationToken), cancellationToken);
        var ticketId = response.Path("ticket", "id").Int64() ?? throw new ZendeskApiException("create ticket", null, "Zendesk's answer has no ticket id.");
        return (ticketId, CommentId(response));
    }

    /// <summary>Adds one comment (always with an explicit <c>public</c>), optionally setting the status in the same update.</summary>
    /// <returns>The new comment's id, from the update's audit.</returns>
    public async Task<long?> AddCommentAsync(long ticketId, ZendeskComment comment, CancellationToken cancellationToken, string? status = null)
    {
        var ticket = new JsonObject { ["comment"] = comment.ToJson() };
        if (status is not null)
        {
            ticket["status"] = status;
        }

        var response = await SendAsync("add comment", () => api.AddCommentAsync(ticketId, new JsonObject { ["ticket"] = ticket }, cancellationToken), cancellationToken);
        return CommentId(response);
    }

    /// <summary>The newest comments of a ticket (up to 100), with whether each author is staff.</summary>
    public async Task<IReadOnlyList<ZendeskTicketComment>> RecentCommentsAsync(long ticketId, CancellationToken cancellationToken)
    {
        var response = await SendAsync("list comments", () => api.RecentCommentsAsync(ticketId, cancellationToken), cancellationToken);
        var staff = response.Property("users") is { ValueKind: JsonValueKind.Array } users
            ? users.EnumerateArray().Where(u => u.Property("role").String() is "agent" or "admin").Select(u => u.Property("id").Int64()).OfType<long>().ToHashSet()
            : [];
        return response.Property("comments") is { ValueKind: JsonValueKind.Array } comments
            ? [.. comments.EnumerateArray().Select(c => new ZendeskTicketComment(
                c.Property("id").Int64() ?? 0, c.Property("body").String() ?? string.Empty, c.Property("public").Boolean() ?? false,
                c.Property("author_id").Int64() ?? 0, staff.Contains(c.Property("author_id").Int64() ?? 0), c.Property("created_at").Time()))]
            : [];
    }

    /// <summary>Finds the webhook posting to <paramref name="endpoint"/>, or creates it subscribed to <paramref name="subscriptions"/>.</summary>
    /// <returns>The webhook's id and whether it was created.</returns>
    public async Task<(string Id, bool Created)> EnsureWebhookAsync(string name, Uri endpoint, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken)
    {
        var list = await SendAsync("list webhooks", () => api.ListWebhooksAsync(cancellationToken), cancellationToken);
        var existing = list.Property("webhooks") is { ValueKind: JsonValueKind.Array } hooks
            ? hooks.EnumerateArray().FirstOrDefault(h => h.Property("endpoint").String() == endpoint.AbsoluteUri)
            : default;
        if (existing.ValueKind == JsonValueKind.Object && existing.Property("id").String() is { } found)
        {
            return (found, false);
        }

        var body = new JsonObject
        {
            ["webhook"] = new JsonObject
            {
                ["name"] = name,
                ["status"] = "active",
                ["endpoint"] = endpoint.AbsoluteUri,
                ["http_method"] = "POST",
                ["request_format"] = "json",
                ["subscriptions"] = new JsonArray([.. subscriptions.Select(s => (JsonNode)s)]),
            },
        };
        var created = await SendAsync("create webhook", () => api.CreateWebhookAsync(body, cancellationToken), cancellationToken);
        return (created.Path("webhook", "id").String() ?? throw new ZendeskApiException("create webhook", null, "Zendesk's answer has no webhook id."), true);
    }

    public async Task<string> GetWebhookSigningSecretAsync(string webhookId, CancellationToken cancellationToken)
    {
        var response = await SendAsync("read signing secret", () => api.GetWebhookSigningSecretAsync(webhookId, cancellationToken), cancellationToken);
        return response.Path("signing_secret", "secret").String() ?? throw new ZendeskApiException("read signing secret", null, "Zendesk's answer has no secret.");
    }

    public async Task SetStatusAsync(long ticketId, string status, CancellationToken cancellationToken) =>
        await SendAsync("set status", () => api.UpdateTicketAsync(ticketId, new JsonObject { ["ticket"] = new JsonObject { ["status"] = status } }, cancellationToken), cancellationToken);

    private static long? CommentId(JsonElement response) =>
        response.Path("audit", "events") is { ValueKind: JsonValueKind.Array } events
            ? events.EnumerateArray().Where(e => e.Property("type").String() == "Comment").Select(e => e.Property("id").Int64()).FirstOrDefault()
            : null;

    private async Task<JsonElement> SendAsync(string operation, Func<Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (ApiRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZendeskApiException(operation, null, $"Zendesk could not be reached for {operation}: {ex.InnerException?.Message ?? ex.Message}", ex.InnerException);
        }

        using (response)
        {
            var text = SecretText.Redact(await response.Content.ReadAsStringAsync(cancellationToken), Credentials(options.CurrentValue));
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity && text.Contains("closed", StringComparison.OrdinalIgnoreCase))
            {
                throw new ZendeskTicketClosedException(operation, $"Zendesk refused {operation}: the ticket is closed.");
            }

            if (response.StatusCode == HttpStatusCode.UnprocessableEntity && DuplicateFields(text) is { Count: > 0 } taken)
            {
                throw new ZendeskDuplicateValueException(operation, taken,
                    $"Zendesk refused {operation}: the {string.Join(" and ", taken)} already belong{(taken.Count == 1 ? "s" : "")} to another record.");
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new ZendeskApiException(operation, response.StatusCode,
                    $"Zendesk refused {operation} ({(int)response.StatusCode}): check Zendesk__Email and Zendesk__ApiToken and the agent's permissions.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ZendeskApiException(operation, response.StatusCode,
                    $"Zendesk answered {operation} with {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}");
            }

            try
            {
                using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                // A proxy's error page answered in Zendesk's place: a failed call the bridge retries, not a crash.
                throw new ZendeskApiException(operation, response.StatusCode, $"Zendesk answered {operation} with a body that is not JSON.", ex);
            }
        }
    }

    /// <summary>The fields of a <c>RecordInvalid</c> answer whose error is <c>DuplicateValue</c>.</summary>
    private static HashSet<string> DuplicateFields(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Property("details") is { ValueKind: JsonValueKind.Object } details
                ? details.EnumerateObject()
                    .Where(f => f.Value.ValueKind == JsonValueKind.Array
                        && f.Value.EnumerateArray().Any(e => e.Property("error").String() == "DuplicateValue"))
                    .Select(f => f.Name)
                    .ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The API token, and the basic credentials built from it as they would appear echoed.</summary>
    private static string?[] Credentials(ZendeskOptions settings) =>
    [
        settings.ApiToken,
        string.IsNullOrEmpty(settings.ApiToken) ? null : settings.BasicCredentials(),
    ];
}
