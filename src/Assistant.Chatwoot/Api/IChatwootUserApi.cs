using System.Text.Json.Nodes;
using Assistant.Transport;
using Refit;

namespace Assistant.Chatwoot.Api;

/// <summary>
/// Endpoints a bot token may not call (contacts, message history, agent bot set-up), called with
/// <c>Chatwoot__UserToken</c>. Refit generates the implementation at build time.
/// </summary>
[Headers("Accept: application/json")]
public interface IChatwootUserApi
{
    [Get("/api/v1/accounts/{accountId}/teams/{teamId}/team_members")]
    Task<HttpResponseMessage> ListTeamMembersAsync(long accountId, long teamId, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/inboxes/{inboxId}")]
    Task<HttpResponseMessage> GetInboxAsync(long accountId, long inboxId, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/contacts/{contactId}")]
    Task<HttpResponseMessage> GetContactAsync(long accountId, long contactId, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/contacts/search")]
    Task<HttpResponseMessage> SearchContactsAsync(long accountId, [Query] string q, [Query] int page, CancellationToken cancellationToken);

    [Put("/api/v1/accounts/{accountId}/contacts/{contactId}")]
    Task<HttpResponseMessage> UpdateContactAsync(long accountId, long contactId, [Body] ContactUpdate update, CancellationToken cancellationToken);

    [NotIdempotent]
    [Post("/api/v1/accounts/{accountId}/contacts")]
    Task<HttpResponseMessage> CreateContactAsync(long accountId, [Body] JsonObject body, CancellationToken cancellationToken);

    [NotIdempotent]
    [Post("/api/v1/accounts/{accountId}/contacts/{contactId}/contact_inboxes")]
    Task<HttpResponseMessage> AddContactToInboxAsync(long accountId, long contactId, [Body] JsonObject body, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/contacts/{contactId}/conversations")]
    Task<HttpResponseMessage> ListContactConversationsAsync(long accountId, long contactId, CancellationToken cancellationToken);

    /// <summary>Up to 20 messages, newest last; <paramref name="before"/> pages back in time.</summary>
    [Get("/api/v1/accounts/{accountId}/conversations/{conversationId}/messages")]
    Task<HttpResponseMessage> ListMessagesAsync(long accountId, long conversationId, [Query] long? before, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/agent_bots")]
    Task<HttpResponseMessage> ListAgentBotsAsync(long accountId, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/agent_bots/{botId}")]
    Task<HttpResponseMessage> GetAgentBotAsync(long accountId, long botId, CancellationToken cancellationToken);

    [NotIdempotent]
    [Post("/api/v1/accounts/{accountId}/agent_bots")]
    Task<HttpResponseMessage> CreateAgentBotAsync(long accountId, [Body] JsonObject body, CancellationToken cancellationToken);

    [Patch("/api/v1/accounts/{accountId}/agent_bots/{botId}")]
    Task<HttpResponseMessage> UpdateAgentBotAsync(long accountId, long botId, [Body] JsonObject body, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/inboxes/{inboxId}/set_agent_bot")]
    Task<HttpResponseMessage> SetAgentBotAsync(long accountId, long inboxId, [Body] JsonObject body, CancellationToken cancellationToken);
}
