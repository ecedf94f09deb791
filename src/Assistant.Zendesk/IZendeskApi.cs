using System.Text.Json.Nodes;
using Assistant.Transport;
using Refit;

namespace Assistant.Zendesk;

/// <summary>
/// The Zendesk Support API endpoints the bridge calls (<c>reference/zendesk.md</c> §2–3). Refit generates the
/// implementation at build time; <see cref="ZendeskClient"/> reads the answers.
/// </summary>
[Headers("Accept: application/json")]
public interface IZendeskApi
{
    [Get("/api/v2/users/search")]
    Task<HttpResponseMessage> SearchUsersByExternalIdAsync([Query, AliasAs("external_id")] string externalId, CancellationToken cancellationToken);

    /// <summary>Create only: <c>create_or_update</c> would rename, and add identities to, whoever already holds the email.</summary>
    [Post("/api/v2/users")]
    Task<HttpResponseMessage> CreateUserAsync([Body] JsonObject body, CancellationToken cancellationToken);

    [Get("/api/v2/users/{userId}")]
    Task<HttpResponseMessage> GetUserAsync(long userId, CancellationToken cancellationToken);

    [Get("/api/v2/users/me")]
    Task<HttpResponseMessage> GetMeAsync(CancellationToken cancellationToken);

    /// <summary>Safe to repeat: Zendesk answers a repeated <c>Idempotency-Key</c> with the ticket it already made.</summary>
    [Post("/api/v2/tickets")]
    Task<HttpResponseMessage> CreateTicketAsync([Body] JsonObject body, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>A comment has no idempotency key: a retry after Zendesk may have stored it would post it twice.</summary>
    [NotIdempotent]
    [Put("/api/v2/tickets/{ticketId}")]
    Task<HttpResponseMessage> AddCommentAsync(long ticketId, [Body] JsonObject body, CancellationToken cancellationToken);

    [Put("/api/v2/tickets/{ticketId}")]
    Task<HttpResponseMessage> UpdateTicketAsync(long ticketId, [Body] JsonObject body, CancellationToken cancellationToken);

    [Get("/api/v2/tickets/{ticketId}/comments?sort=-created_at&page[size]=100&include=users")]
    Task<HttpResponseMessage> RecentCommentsAsync(long ticketId, CancellationToken cancellationToken);

    [Get("/api/v2/webhooks?page[size]=100")]
    Task<HttpResponseMessage> ListWebhooksAsync(CancellationToken cancellationToken);

    [NotIdempotent]
    [Post("/api/v2/webhooks")]
    Task<HttpResponseMessage> CreateWebhookAsync([Body] JsonObject body, CancellationToken cancellationToken);

    [Get("/api/v2/webhooks/{webhookId}/signing_secret")]
    Task<HttpResponseMessage> GetWebhookSigningSecretAsync(string webhookId, CancellationToken cancellationToken);
}
