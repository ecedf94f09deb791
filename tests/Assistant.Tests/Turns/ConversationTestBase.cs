using System.Net;
using System.Text.Json;
using Assistant.Stores.Postgres;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Dapper;

namespace Assistant.Tests.Turns;

/// <summary>The whole service with the demo store, a fake Chatwoot and (for LLM tests) a scripted OpenAI server.</summary>
public abstract class ConversationTestBase : ServiceTestBase
{
    protected override bool StartsServerBeforeEachTest => false;

    protected override Task ArrangeAsync() => new DemoStore(new ShopDatabase(Database.DataSource)).SeedAsync(CancellationToken.None);

    protected async Task StartServerAsync(bool withLlm, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = DefaultSettings();
        settings["Handoff:TeamId"] = "3";
        settings["Store:Name"] = "Acme Outfitters";
        settings["Store:OrderUrlTemplate"] = "https://shop.example.com/orders/{orderNumber}";
        if (withLlm)
        {
            settings["Llm:Endpoint"] = OpenAI.Endpoint.ToString();
            settings["Llm:AllowPlainHttp"] = "true";
            settings["Llm:ApiKey"] = KnownSecrets.LlmApiKey;
            settings["Llm:Model"] = "gpt-test";
        }

        configure?.Invoke(settings);
        await StartServerAsync(settings);
    }

    /// <summary>Jane (demo customer 1) on the website chat, verified by Chatwoot's identity validation.</summary>
    protected static MessageWebhookBuilder VerifiedJane(string text, long conversationId = 42) =>
        new MessageWebhookBuilder(conversationId).WithContent(text)
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com", identifier: "cus_jane").WithHmacVerified());

    /// <summary>Jane signed in on a Shopify or WooCommerce shop's site, whose page signs her platform customer id (1).</summary>
    protected static MessageWebhookBuilder SignedInJane(string text) =>
        new MessageWebhookBuilder(42).WithContent(text)
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com", identifier: "1").WithHmacVerified());

    protected static MessageWebhookBuilder Visitor(string text, long conversationId = 42) =>
        new MessageWebhookBuilder(conversationId).WithContent(text).WithConversation(c => c.WithContact(78, "Visitor"));

    protected async Task SayAsync(MessageWebhookBuilder message)
    {
        using var response = await Server.Http.PostSignedAsync(message.ToJson());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits until every webhook and turn is processed, and returns the finished turns' outcomes, oldest first.</summary>
    protected async Task<IReadOnlyList<string>> SettledTurnsAsync(long conversationId = 42)
    {
        await Database.InboxDrainedAsync();
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        return (await connection.QueryAsync<string>(
            "SELECT coalesce(outcome, state) FROM turns WHERE conversation_id = @conversationId ORDER BY id", new { conversationId })).AsList();
    }

    protected IReadOnlyList<JsonElement> Posted(long conversationId = 42) => [.. Chatwoot.Conversations[(1, conversationId)].Messages];

    protected static string ContentType(JsonElement message) => message.GetProperty("content_type").GetString()!;

    protected static long? InReplyTo(JsonElement message) =>
        message.GetProperty("content_attributes") is { ValueKind: JsonValueKind.Object } attributes && attributes.TryGetProperty("in_reply_to", out var id) ? id.GetInt64() : null;

    /// <summary>The last tool result the model was sent in a completion request, as JSON.</summary>
    protected static JsonElement ToolResult(JsonElement completion) => JsonDocument.Parse(ToolMessage(completion)).RootElement;

    protected static string ToolMessage(JsonElement completion) =>
        completion.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "tool").GetProperty("content").GetString()!;
}
