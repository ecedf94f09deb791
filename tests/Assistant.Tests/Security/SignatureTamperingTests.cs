using System.Globalization;
using System.Net;
using System.Text;
using Assistant.Chatwoot.Webhooks;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Security;

/// <summary>Captured webhooks replayed, and signed webhooks altered in transit.</summary>
public sealed class SignatureTamperingTests : ServiceTestBase
{

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Assistant:DebounceMs"] = "50";
    }

    [Fact]
    public async Task Every_alteration_of_a_signed_webhook_is_401_and_stores_nothing()
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(new MessageWebhookBuilder(42).WithContent("Where is order 1042?").ToJson());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var timestamp = now.ToString(CultureInfo.InvariantCulture);
        var signature = ChatwootWebhookAuthenticator.Sign(AssistantServer.WebhookSecret, timestamp, body);
        var random = new Random(42);
        var attempts = new List<(string What, byte[] Body, string Timestamp, string Signature)>();
        for (var i = 0; i < 100; i++)
        {
            var flipped = (byte[])body.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            attempts.Add(("one bit of the body flipped", flipped, timestamp, signature));
        }

        attempts.Add(("body with a byte appended", [.. body, (byte)' '], timestamp, signature));
        attempts.Add(("timestamp moved by a second", body, (now + 1).ToString(CultureInfo.InvariantCulture), signature));
        attempts.Add(("replayed six minutes later", body, (now - 360).ToString(CultureInfo.InvariantCulture),
            ChatwootWebhookAuthenticator.Sign(AssistantServer.WebhookSecret, (now - 360).ToString(CultureInfo.InvariantCulture), body)));
        attempts.Add(("signed with another secret", body, timestamp, ChatwootWebhookAuthenticator.Sign("another-secret", timestamp, body)));
        attempts.Add(("signature truncated", body, timestamp, signature[..^2]));
        attempts.Add(("signature without its digest", body, timestamp, "sha256="));
        attempts.Add(("signature of another body", body, timestamp, ChatwootWebhookAuthenticator.Sign(AssistantServer.WebhookSecret, timestamp, "{}"u8.ToArray())));
        attempts.Add(("timestamp that is not a number", body, "yesterday", signature));

        // Act
        var outcomes = new List<string>();
        foreach (var (what, tampered, ts, sig) in attempts)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/chatwoot") { Content = new ByteArrayContent(tampered) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Chatwoot-Timestamp", ts);
            request.Headers.Add("X-Chatwoot-Signature", sig);
            using var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
            outcomes.Add($"{what}: {(int)response.StatusCode}");
        }

        // Assert
        Assert.All(outcomes, outcome => Assert.EndsWith(": 401", outcome));
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Captured_webhook_replayed_under_new_delivery_ids_is_recorded_and_answered_once()
    {
        // Arrange: an attacker (or a confused proxy) resends a captured, still-fresh webhook with new delivery ids.
        var message = new MessageWebhookBuilder(42).WithContent("what's the status of order 1042?")
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com", identifier: "cus_jane").WithHmacVerified());
        var body = message.ToJson();
        var timestamp = DateTimeOffset.UtcNow;

        // Act
        for (var i = 0; i < 5; i++)
        {
            using var response = await Server.Http.PostSignedAsync(body, timestamp: timestamp);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Database.InboxDrainedAsync();

        // Assert
        Assert.Single(await Database.TranscriptAsync(1, 42), e => e.MessageId == message.MessageId);
        Assert.Equal(1, await Database.CountAsync("turns"));
        Assert.Single(Chatwoot.Conversations[(1, 42)].Messages);
    }
}
