using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Tests.Builders;
using Assistant.Tests.Turns;
using Assistant.Tests.Infrastructure;
using Dapper;

namespace Assistant.Tests.Actions;

/// <summary>Conversations in which Jane asks for an order action, confirms it with a click or words, and people approve it.</summary>
public abstract class OrderActionTestBase : ConversationTestBase
{
    protected Task StartWithActionsAsync(string mode = "auto", Action<Dictionary<string, string?>>? configure = null) => StartServerAsync(withLlm: true, s =>
    {
        s["Actions:Cancel"] = mode;
        s["Actions:Return"] = mode;
        s["Actions:ChangeAddress"] = mode;
        configure?.Invoke(s);
    });

    /// <summary>The confirmation question the bot sent last: its Yes and No choices.</summary>
    protected (string Title, string Value) Choice(int index, long conversationId = 42)
    {
        var question = Posted(conversationId).Last(m => ContentType(m) == "input_select");
        var item = question.GetProperty("content_attributes").GetProperty("items")[index];
        return (item.GetProperty("title").GetString()!, item.GetProperty("value").GetString()!);
    }

    /// <summary>Jane clicks a choice of the bot's last question on the widget (the bot's message comes back updated).</summary>
    protected static MessageWebhookBuilder JaneClicks((string Title, string Value) choice, long messageId = 9001, string identifier = "cus_jane") =>
        new MessageWebhookBuilder(42).WithId(messageId).AsSelectClick(choice.Title, choice.Value)
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com", identifier: identifier).WithHmacVerified());

    /// <summary>A person of the team adds a label to the conversation.</summary>
    protected async Task LabelAsync(string label, double updatedAt)
    {
        Chatwoot.Conversations[(1, 42)].Labels = [.. Chatwoot.Conversations[(1, 42)].Labels, label];
        var webhook = new ConversationWebhookBuilder().With(c => c.WithStatus("open").WithLabels("handoff:order_action", label).WithUpdatedAt(updatedAt)
                .WithContact(77, "Jane Doe", email: "jane@example.com", identifier: "cus_jane").WithHmacVerified())
            .Changed("label_list", new JsonArray("handoff:order_action"), new JsonArray("handoff:order_action", label));
        using var response = await Server.Http.PostSignedAsync(webhook.ToJson());
        response.EnsureSuccessStatusCode();
    }

    protected IReadOnlyList<string> PublicTexts(long conversationId = 42) =>
        [.. Posted(conversationId).Where(m => !m.GetProperty("private").GetBoolean()).Select(m => m.GetProperty("content").GetString()!)];

    protected IReadOnlyList<string> Notes(long conversationId = 42) =>
        [.. Posted(conversationId).Where(m => m.GetProperty("private").GetBoolean()).Select(m => m.GetProperty("content").GetString()!)];

    protected async Task<IReadOnlyList<(string Kind, string OrderNumber, string Status)>> OrderRequestsAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return [.. await connection.QueryAsync<(string, string, string)>("SELECT kind, order_number, status FROM shop.order_requests ORDER BY requested_at")];
    }

    protected async Task<IReadOnlyList<string>> ActionStatesAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return [.. await connection.QueryAsync<string>("SELECT state FROM order_actions ORDER BY proposed_at")];
    }

    protected static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
