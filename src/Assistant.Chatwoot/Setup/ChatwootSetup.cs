using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Chatwoot.Api;
using Assistant.Transport;

namespace Assistant.Chatwoot.Setup;

/// <summary>What <c>assistant setup chatwoot</c> did and what the operator must configure.</summary>
public sealed record ChatwootSetupResult(long BotId, bool Created, bool Updated, string? AccessToken, string? Secret, IReadOnlyList<long> Inboxes);

/// <summary>
/// Creates or updates the Agent Bot (found by name) with its outgoing URL, connects it to inboxes, and reads its
/// access token and secret. Needs an administrator's token (<c>Chatwoot__UserToken</c>); safe to run again.
/// </summary>
public sealed class ChatwootSetup(ChatwootApi api)
{
    public async Task<ChatwootSetupResult> RunAsync(long accountId, string botName, Uri outgoingUrl, IReadOnlyList<long> inboxIds, CancellationToken cancellationToken)
    {
        var bots = await api.UserAsync("list agent bots", u => u.ListAgentBotsAsync(accountId, cancellationToken), cancellationToken)
            ?? throw new ChatwootApiException("list agent bots", System.Net.HttpStatusCode.NotFound, $"Chatwoot has no account {accountId}.");
        var existing = (bots.ValueKind == JsonValueKind.Array ? bots.EnumerateArray() : (bots.Property("payload") is { ValueKind: JsonValueKind.Array } p ? p.EnumerateArray() : default))
            .FirstOrDefault(b => b.Property("name").String() == botName);
        var body = new JsonObject { ["name"] = botName, ["description"] = "AI shopping assistant", ["outgoing_url"] = outgoingUrl.AbsoluteUri };

        long botId;
        bool created = false, updated = false;
        if (existing.ValueKind == JsonValueKind.Object && existing.Property("id").Int64() is { } id)
        {
            botId = id;
            if (existing.Property("outgoing_url").String() != outgoingUrl.AbsoluteUri)
            {
                await api.UserAsync("update agent bot", u => u.UpdateAgentBotAsync(accountId, id, body, cancellationToken), cancellationToken);
                updated = true;
            }
        }
        else
        {
            var response = await api.UserAsync("create agent bot", u => u.CreateAgentBotAsync(accountId, body, cancellationToken), cancellationToken);
            botId = response?.Property("id").Int64() ?? throw new ChatwootApiException("create agent bot", null, "Chatwoot's answer has no bot id.");
            created = true;
        }

        foreach (var inbox in inboxIds)
        {
            var connect = new JsonObject { ["agent_bot"] = botId };
            _ = await api.UserAsync($"connect the bot to inbox {inbox}", u => u.SetAgentBotAsync(accountId, inbox, connect, cancellationToken), cancellationToken)
                ?? throw new ChatwootApiException("set agent bot", System.Net.HttpStatusCode.NotFound, $"Chatwoot has no inbox {inbox} in account {accountId}.");
        }

        var details = await api.UserAsync("read agent bot", u => u.GetAgentBotAsync(accountId, botId, cancellationToken), cancellationToken);
        return new ChatwootSetupResult(botId, created, updated, details?.Property("access_token").String(), details?.Property("secret").String(), inboxIds);
    }
}
