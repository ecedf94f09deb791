using System.Net;
using System.Text.Json;
using Assistant.Stores.Postgres;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Dapper;

namespace Assistant.Tests.Drills;

/// <summary>What every drill needs: the demo store, a fake Chatwoot that echoes like the real one, a slow scripted model,
/// and a way to count the answers each customer message got.</summary>
public abstract class DrillBase : ServiceTestBase
{
    protected const int Conversations = 12;

    protected override bool StartsServerBeforeEachTest => false;

    protected override async Task ArrangeAsync()
    {
        await new DemoStore(new ShopDatabase(Database.DataSource)).SeedAsync(CancellationToken.None);
        for (var id = 1; id <= Conversations; id++)
        {
            Chatwoot.AddConversation(1, ConversationId(id));
        }

        OpenAI.ThenSlowText("Your order 1042 has shipped.", TimeSpan.FromMilliseconds(250));
    }

    protected static long ConversationId(int n) => 500 + n;

    protected Dictionary<string, string?> Settings()
    {
        var settings = DefaultSettings();
        settings["Llm:Endpoint"] = OpenAI.Endpoint.ToString();
        settings["Llm:AllowPlainHttp"] = "true";
        settings["Llm:ApiKey"] = KnownSecrets.LlmApiKey;
        settings["Assistant:DebounceMs"] = "100";
        settings["Assistant:EchoWait"] = "00:00:02";
        settings["Inbox:Lease"] = "00:00:03";
        return settings;
    }

    /// <summary>Customer message number <paramref name="n"/> of the stream, spread over the conversations.</summary>
    protected static MessageWebhookBuilder CustomerMessage(int n) =>
        new MessageWebhookBuilder(ConversationId((n % Conversations) + 1)).WithContent($"Where is order 1042? ({n})")
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com", identifier: "cus_jane").WithHmacVerified());

    /// <summary>Posts like Chatwoot: an agent bot's webhook is tried up to 3 times, 3 s apart, on 429 and 500 only.</summary>
    protected static async Task<bool> DeliverLikeChatwootAsync(HttpClient http, string body)
    {
        var delivery = Guid.NewGuid().ToString();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                using var response = await http.PostSignedAsync(body, deliveryId: delivery);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                if (response.StatusCode is not (HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests))
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>How many public answers Chatwoot stored in reply to each message id.</summary>
    protected Dictionary<long, int> RepliesPerMessage() =>
        Chatwoot.Conversations.Values.SelectMany(c => c.History)
            .Where(h => !(h.Message.TryGetProperty("private", out var p) && p.GetBoolean()))
            .Select(h => h.Message.TryGetProperty("content_attributes", out var a) && a.ValueKind == JsonValueKind.Object
                && a.TryGetProperty("in_reply_to", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : 0)
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Waits until every message in <paramref name="messageIds"/> is answered, then for the inbox to settle, and returns
    /// how many answers each got. A burst (a message that arrives before the previous one's turn ran) is answered by
    /// one turn, whose reply goes to the burst's newest message: every message of the burst counts that one reply.
    /// </summary>
    protected async Task<Dictionary<long, int>> AnswersOnceSettledAsync(IReadOnlyCollection<long> messageIds)
    {
        await Eventually.WaitForAsync(async () => Unanswered(await AnswersAsync(), messageIds), unanswered => unanswered == "none",
            "every acknowledged message to be answered", TimeSpan.FromSeconds(90));
        await Database.InboxDrainedAsync();
        return await AnswersAsync();
    }

    private async Task<Dictionary<long, int>> AnswersAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        var covering = await connection.QueryAsync<(long MessageId, long? ReplyTo)>("""
            SELECT m.message_id, (SELECT t.in_reply_to FROM turns t
                                  WHERE t.account_id = m.account_id AND t.conversation_id = m.conversation_id
                                    AND t.last_input_id >= m.id AND t.state = 'done'
                                  ORDER BY t.last_input_id LIMIT 1)
            FROM transcript_messages m WHERE m.role = 'customer'
            """);
        var replies = RepliesPerMessage();
        return covering.ToDictionary(c => c.MessageId, c => c.ReplyTo is { } to ? replies.GetValueOrDefault(to) : 0);
    }

    private static string Unanswered(Dictionary<long, int> answers, IReadOnlyCollection<long> messageIds)
    {
        var missing = messageIds.Where(id => answers.GetValueOrDefault(id) == 0).ToList();
        return missing.Count == 0 ? "none" : $"{missing.Count} unanswered: {string.Join(", ", missing)}";
    }
}
