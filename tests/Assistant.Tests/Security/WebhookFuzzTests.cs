using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Chatwoot.Webhooks;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Dapper;

namespace Assistant.Tests.Security;

/// <summary>Hostile webhook bodies, correctly signed so they get past the signature check and reach the parser and the inbox.</summary>
public sealed class WebhookFuzzTests : ServiceTestBase
{
    private const int Mutations = 10_000;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Assistant:DebounceMs"] = "60000"; // the bodies are under test here, not the turns they would start
        settings["Assistant:MaxDebounceMs"] = "120000";
        // Ten thousand requests: the service's own quiet levels, not the suite's verbose ones.
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        settings["Serilog:MinimumLevel:Override:Npgsql"] = null;
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = null;
        settings["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = null;
    }

    [Fact]
    public async Task Ten_thousand_mutated_bodies_never_get_a_5xx_and_never_block_a_conversation()
    {
        // Arrange
        var mutator = new WebhookMutator(seed: 6);
        var seeds = Enumerable.Range(1000, 20).SelectMany(conversation => new JsonObject[]
        {
            new MessageWebhookBuilder(conversation).Build(),
            new MessageWebhookBuilder(conversation).FromAgent().Build(),
            new MessageWebhookBuilder(conversation).AsFormSubmit(("order_number", "1042"), ("email", "jane@example.com")).Build(),
            new MessageWebhookBuilder(conversation).AsSelectClick("Track my order", "track").Build(),
            new ConversationWebhookBuilder("conversation_status_changed", conversation).Build(),
            new ConversationWebhookBuilder("conversation_updated", conversation).Changed("assignee_id", null, 12).Build(),
        }).ToArray();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var serverErrors = new ConcurrentQueue<string>();

        // Act: four senders at once, as Chatwoot's job workers would.
        await Parallel.ForEachAsync(Enumerable.Range(0, Mutations), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            byte[] body;
            lock (mutator)
            {
                body = mutator.Mutate(seeds[n % seeds.Length]);
            }

            using var response = await PostSignedBytesAsync(body);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, c) => c + 1);
            if ((int)response.StatusCode >= 500)
            {
                serverErrors.Enqueue($"{(int)response.StatusCode} for {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}");
            }
        });

        // Assert: no 5xx, the service is alive, and every stored event was settled on its first attempt.
        Assert.True(serverErrors.IsEmpty, $"{serverErrors.Count} server errors, e.g. {serverErrors.FirstOrDefault()}");
        Assert.Equal(Mutations, statuses.Values.Sum());
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > 0 && statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0,
            $"the mutations should produce both accepted and rejected bodies: {string.Join(", ", statuses)}");
        using (var health = await Server.Http.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await Eventually.WaitForAsync(() => Database.CountAsync("inbox_events WHERE source = 'chatwoot' AND state IN ('pending', 'processing')"),
            n => n == 0, "the fuzzed events to settle", TimeSpan.FromSeconds(120));
        await using var connection = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var retried = (await connection.QueryAsync<string>(
            "SELECT concat(event_name, ' ', ordering_key, ': ', last_error) FROM inbox_events WHERE source = 'chatwoot' AND attempts > 1 LIMIT 5")).AsList();
        Assert.True(retried.Count == 0, $"events were retried instead of settled: {string.Join(" | ", retried)}");

        var after = new MessageWebhookBuilder(42).WithContent("Are you still there?");
        using var accepted = await Server.Http.PostSignedAsync(after.ToJson());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Eventually.WaitForAsync(async () => (await Database.TranscriptAsync(1, 42)).Any(e => e.MessageId == after.MessageId),
            found => found, "a valid message after the fuzzing to be processed");
    }

    private async Task<HttpResponseMessage> PostSignedBytesAsync(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/chatwoot") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Chatwoot-Timestamp", timestamp);
        request.Headers.Add("X-Chatwoot-Signature", ChatwootWebhookAuthenticator.Sign(AssistantServer.WebhookSecret, timestamp, body));
        request.Headers.Add("X-Chatwoot-Delivery", Guid.NewGuid().ToString());
        return await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
