using System.Text.Json.Nodes;
using Assistant.Transport;
using Refit;

namespace Assistant.Chatwoot.Api;

/// <summary>
/// The endpoints in Chatwoot's agent bot allow-list (<c>reference/chatwoot.md</c> §2), called with the bot's own
/// token. Refit generates the implementation at build time; answers are read by <see cref="ChatwootApi"/>.
/// </summary>
[Headers("Accept: application/json")]
public interface IChatwootBotApi
{
    /// <summary>Creating a message is not idempotent: a retry after Chatwoot may have stored it would say it twice.</summary>
    [NotIdempotent]
    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/messages")]
    Task<HttpResponseMessage> CreateMessageAsync(long accountId, long conversationId, [Body] CreateMessageBody body, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/conversations/{conversationId}")]
    Task<HttpResponseMessage> GetConversationAsync(long accountId, long conversationId, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/toggle_status")]
    Task<HttpResponseMessage> ToggleStatusAsync(long accountId, long conversationId, [Body] ToggleStatusBody body, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/toggle_typing_status")]
    Task<HttpResponseMessage> ToggleTypingAsync(long accountId, long conversationId, [Body] ToggleTypingBody body, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/toggle_priority")]
    Task<HttpResponseMessage> TogglePriorityAsync(long accountId, long conversationId, [Body] TogglePriorityBody body, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/assignments")]
    Task<HttpResponseMessage> AssignAgentAsync(long accountId, long conversationId, [Body] AgentAssignmentBody body, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/assignments")]
    Task<HttpResponseMessage> AssignTeamAsync(long accountId, long conversationId, [Body] TeamAssignmentBody body, CancellationToken cancellationToken);

    [Get("/api/v1/accounts/{accountId}/conversations/{conversationId}/labels")]
    Task<HttpResponseMessage> GetLabelsAsync(long accountId, long conversationId, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/labels")]
    Task<HttpResponseMessage> SetLabelsAsync(long accountId, long conversationId, [Body] LabelsBody body, CancellationToken cancellationToken);

    [Post("/api/v1/accounts/{accountId}/conversations/{conversationId}/custom_attributes")]
    Task<HttpResponseMessage> SetCustomAttributesAsync(long accountId, long conversationId, [Body] CustomAttributesBody body, CancellationToken cancellationToken);

    [NotIdempotent]
    [Post("/api/v1/accounts/{accountId}/conversations")]
    Task<HttpResponseMessage> CreateConversationAsync(long accountId, [Body] JsonObject body, CancellationToken cancellationToken);
}
