using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Chatwoot.Webhooks;
using Assistant.Transport;

namespace Assistant.Chatwoot.Api;

/// <summary>
/// What the agent bot's own token may do (<c>reference/chatwoot.md</c> §2): messages, status, typing, priority,
/// assignments, labels, custom attributes, reading a conversation. Conversation ids are display ids.
/// </summary>
public sealed class ChatwootClient(ChatwootApi api)
{
    /// <returns>The created message's id.</returns>
    public async Task<long> CreateMessageAsync(long accountId, long conversationId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = new CreateMessageBody(message.Content, message.MessageType, message.Private, message.ContentType, message.ContentAttributes)
        {
            TemplateParams = message.TemplateParams,
        };
        var response = await api.BotAsync("create message", b => b.CreateMessageAsync(accountId, conversationId, body, cancellationToken), cancellationToken)
            ?? throw NotFound("create message", conversationId);
        return response.Property("id").Int64() ?? throw new ChatwootApiException("create message", null, "Chatwoot's answer has no message id.");
    }

    /// <returns>The conversation, or <c>null</c> when Chatwoot does not know it.</returns>
    public async Task<ChatwootConversation?> GetConversationAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var response = await api.BotAsync("get conversation", b => b.GetConversationAsync(accountId, conversationId, cancellationToken), cancellationToken);
        if (response is not { } conversation)
        {
            return null;
        }

        try
        {
            return new ChatwootConversation(ChatwootEventParser.ParseConversation(conversation),
                conversation.Property("custom_attributes").ObjectOrEmpty());
        }
        catch (FormatException ex)
        {
            throw new ChatwootApiException("get conversation", null, $"Chatwoot's conversation could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Sets the status explicitly; without one Chatwoot would toggle, and only an explicit open counts as a bot handoff.</summary>
    /// <returns>The status Chatwoot reports afterwards.</returns>
    public async Task<string> ToggleStatusAsync(
        long accountId, long conversationId, ConversationStatus status, CancellationToken cancellationToken, DateTimeOffset? snoozedUntil = null)
    {
        var body = new ToggleStatusBody(status.ToString().ToLowerInvariant(), snoozedUntil?.ToUnixTimeSeconds());
        var response = await api.BotAsync("toggle status", b => b.ToggleStatusAsync(accountId, conversationId, body, cancellationToken), cancellationToken)
            ?? throw NotFound("toggle status", conversationId);
        return response.Path("payload", "current_status").String() ?? body.Status;
    }

    public async Task ToggleTypingAsync(long accountId, long conversationId, bool typing, CancellationToken cancellationToken)
    {
        var body = new ToggleTypingBody(typing ? "on" : "off", IsPrivate: false);
        _ = await api.BotAsync("toggle typing", b => b.ToggleTypingAsync(accountId, conversationId, body, cancellationToken), cancellationToken)
            ?? throw NotFound("toggle typing", conversationId);
    }

    /// <param name="priority">The new priority, or <c>null</c> to clear it.</param>
    public async Task TogglePriorityAsync(long accountId, long conversationId, ConversationPriority? priority, CancellationToken cancellationToken)
    {
        var body = new TogglePriorityBody(priority?.ToString().ToLowerInvariant());
        _ = await api.BotAsync("toggle priority", b => b.TogglePriorityAsync(accountId, conversationId, body, cancellationToken), cancellationToken)
            ?? throw NotFound("toggle priority", conversationId);
    }

    /// <summary>Assigns a human agent; <c>null</c> unassigns. Chatwoot silently unassigns on an unknown id, so the result says who it is now.</summary>
    /// <returns>The assignee Chatwoot reports, or <c>null</c> when unassigned.</returns>
    public async Task<long?> AssignAgentAsync(long accountId, long conversationId, long? agentId, CancellationToken cancellationToken)
    {
        var response = await api.BotAsync("assign agent", b => b.AssignAgentAsync(accountId, conversationId, new AgentAssignmentBody(agentId), cancellationToken),
            cancellationToken) ?? throw NotFound("assign agent", conversationId);
        return response.Property("id").Int64();
    }

    /// <summary>Assigns a team; <c>null</c> removes it. Assignment never changes status: hand off with <see cref="ToggleStatusAsync"/> too.</summary>
    /// <returns>The team Chatwoot reports, or <c>null</c> when none.</returns>
    public async Task<long?> AssignTeamAsync(long accountId, long conversationId, long? teamId, CancellationToken cancellationToken)
    {
        var response = await api.BotAsync("assign team", b => b.AssignTeamAsync(accountId, conversationId, new TeamAssignmentBody(teamId), cancellationToken),
            cancellationToken) ?? throw NotFound("assign team", conversationId);
        return response.Property("id").Int64();
    }

    public async Task<IReadOnlyList<string>> GetLabelsAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var response = await api.BotAsync("get labels", b => b.GetLabelsAsync(accountId, conversationId, cancellationToken), cancellationToken)
            ?? throw NotFound("get labels", conversationId);
        return Strings(response.Property("payload"));
    }

    /// <summary>Replaces the whole label list (Chatwoot's POST semantics).</summary>
    public async Task<IReadOnlyList<string>> SetLabelsAsync(long accountId, long conversationId, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var response = await api.BotAsync("set labels", b => b.SetLabelsAsync(accountId, conversationId, new LabelsBody(labels), cancellationToken), cancellationToken)
            ?? throw NotFound("set labels", conversationId);
        return Strings(response.Property("payload"));
    }

    /// <summary>Adds labels to the existing ones (read, merge, write); writes nothing when all are present.</summary>
    public async Task<IReadOnlyList<string>> AddLabelsAsync(long accountId, long conversationId, IEnumerable<string> labels, CancellationToken cancellationToken)
    {
        var existing = await GetLabelsAsync(accountId, conversationId, cancellationToken);
        var merged = existing.Union(labels.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()), StringComparer.OrdinalIgnoreCase).ToList();
        return merged.Count == existing.Count ? existing : await SetLabelsAsync(accountId, conversationId, merged, cancellationToken);
    }

    /// <summary>Removes one label, keeping the others (read, filter, write); writes nothing when it is not there.</summary>
    public async Task RemoveLabelAsync(long accountId, long conversationId, string label, CancellationToken cancellationToken)
    {
        var existing = await GetLabelsAsync(accountId, conversationId, cancellationToken);
        var kept = existing.Where(l => !string.Equals(l, label.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (kept.Count != existing.Count)
        {
            await SetLabelsAsync(accountId, conversationId, kept, cancellationToken);
        }
    }

    /// <summary>Replaces the conversation's custom attributes (Chatwoot's POST semantics).</summary>
    public async Task SetCustomAttributesAsync(long accountId, long conversationId, JsonObject attributes, CancellationToken cancellationToken)
    {
        _ = await api.BotAsync("set custom attributes",
            b => b.SetCustomAttributesAsync(accountId, conversationId, new CustomAttributesBody(attributes), cancellationToken), cancellationToken)
            ?? throw NotFound("set custom attributes", conversationId);
    }

    /// <summary>Sets some custom attributes and keeps the others (read, merge, write).</summary>
    public async Task MergeCustomAttributesAsync(long accountId, long conversationId, JsonObject changes, CancellationToken cancellationToken)
    {
        var conversation = await GetConversationAsync(accountId, conversationId, cancellationToken) ?? throw NotFound("merge custom attributes", conversationId);
        var merged = JsonNode.Parse(conversation.CustomAttributes.GetRawText())!.AsObject();
        foreach (var (key, value) in changes)
        {
            merged[key] = value?.DeepClone();
        }

        await SetCustomAttributesAsync(accountId, conversationId, merged, cancellationToken);
    }

    /// <summary>Opens a conversation for a contact in an inbox, with the customer's first message.</summary>
    /// <returns>The conversation's display id.</returns>
    /// <param name="customAttributes">Set on the conversation, e.g. the ticket it was opened for, so a retry can find it.</param>
    public async Task<long> CreateConversationAsync(
        long accountId, long inboxId, long contactId, string sourceId, string firstMessage, JsonObject customAttributes, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["source_id"] = sourceId,
            ["inbox_id"] = inboxId,
            ["contact_id"] = contactId,
            ["custom_attributes"] = customAttributes.DeepClone(),
            ["message"] = new JsonObject { ["content"] = firstMessage },
        };
        var response = await api.BotAsync("create conversation", b => b.CreateConversationAsync(accountId, body, cancellationToken), cancellationToken)
            ?? throw new ChatwootApiException("create conversation", System.Net.HttpStatusCode.NotFound, $"Chatwoot has no account {accountId}.");
        return response.Property("id").Int64() ?? throw new ChatwootApiException("create conversation", null, "Chatwoot's answer has no conversation id.");
    }

    internal static IReadOnlyList<string> Strings(JsonElement? array) => array is { ValueKind: JsonValueKind.Array } items
        ? items.EnumerateArray().Select(i => ((JsonElement?)i).String()).OfType<string>().ToList()
        : [];

    private static ChatwootApiException NotFound(string operation, long conversationId) =>
        new(operation, System.Net.HttpStatusCode.NotFound, $"Chatwoot has no conversation {conversationId} for {operation}.");
}
