using System.Net;
using System.Text;
using System.Text.Json;
using Assistant.Engine.Conversations;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Host;

public sealed class WebhookIntakeTests : ServiceTestBase
{

    protected override void Configure(Dictionary<string, string?> settings)
    {
        foreach (var conversationId in Enumerable.Range(100, 10))
        {
            Chatwoot.AddConversation(1, conversationId);
        }
    }

    [Fact]
    public async Task Signed_customer_message_is_acknowledged_stored_and_folded_into_state()
    {
        // Arrange
        var message = new MessageWebhookBuilder(conversationId: 42)
            .WithConversation(c => c.WithContact(77, "Jane Doe", email: "jane@example.com").WithHmacVerified());

        // Act
        using var response = await Server.Http.PostSignedAsync(message.ToJson());

        // Assert: acknowledged before anything was sent to Chatwoot (the turn comes after the debounce).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Chatwoot.Requests);
        Assert.Equal("""{"status":"accepted"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await Database.InboxDrainedAsync();
        var conversation = await Database.ConversationAsync(1, 42);
        Assert.NotNull(conversation);
        Assert.Equal(Ownership.Bot, conversation.Ownership);
        Assert.True(conversation.HmacVerified);
        Assert.Equal("jane@example.com", conversation.ContactEmail);
        var line = Assert.Single(await Database.TranscriptAsync(1, 42));
        Assert.Equal((TranscriptRole.Customer, message.MessageId, "Hi, where is my order #1234?"), (line.Role, line.MessageId, line.Content));
    }

    [Fact]
    public async Task Webhook_with_invalid_signature_is_401_and_stores_nothing()
    {
        using var response = await Server.Http.PostSignedAsync(new MessageWebhookBuilder().ToJson(), secret: "wrong-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Webhook_with_a_stale_timestamp_is_401_and_stores_nothing()
    {
        using var response = await Server.Http.PostSignedAsync(new MessageWebhookBuilder().ToJson(), timestamp: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Unsigned_webhook_is_401()
    {
        using var content = new StringContent(new MessageWebhookBuilder().ToJson(), Encoding.UTF8, "application/json");

        using var response = await Server.Http.PostAsync("/webhooks/chatwoot", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Malformed_json_is_400_and_stores_nothing()
    {
        using var response = await Server.Http.PostSignedAsync("{\"event\": \"message_created\", ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Body_over_one_mebibyte_is_413_and_stores_nothing()
    {
        var huge = new MessageWebhookBuilder().WithContent(new string('x', 1024 * 1024)).ToJson();

        using var response = await Server.Http.PostSignedAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Same_delivery_twice_is_processed_once()
    {
        var body = new MessageWebhookBuilder().ToJson();
        var delivery = Guid.NewGuid().ToString();

        using var first = await Server.Http.PostSignedAsync(body, deliveryId: delivery);
        using var second = await Server.Http.PostSignedAsync(body, deliveryId: delivery);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("""{"status":"duplicate"}""", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["done"], await Database.InboxDrainedAsync());
        Assert.Single(await Database.TranscriptAsync(1, 42));
    }

    [Fact]
    public async Task Unhandled_event_is_acknowledged_and_ignored()
    {
        using var response = await Server.Http.PostSignedAsync("""{"event":"contact_updated","account":{"id":1},"id":77}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["done"], await Database.InboxDrainedAsync());
        Assert.Equal(0, await Database.CountAsync("conversations"));
    }

    [Fact]
    public async Task Bot_echo_agent_reply_private_note_and_template_are_recorded_with_their_roles()
    {
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().WithId(1).ToJson());
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().WithId(2).FromBot().ToJson());
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().WithId(3).FromAgent().ToJson());
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().WithId(4).AsPrivateNote().ToJson());
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().WithId(5).AsTemplate().ToJson());

        await Database.InboxDrainedAsync();

        var roles = (await Database.TranscriptAsync(1, 42)).OrderBy(l => l.MessageId).Select(l => l.Role);
        Assert.Equal([TranscriptRole.Customer, TranscriptRole.Bot, TranscriptRole.Agent, TranscriptRole.Note, TranscriptRole.Template], roles);
    }

    [Fact]
    public async Task Event_is_completed_in_the_transaction_that_stores_what_it_changed()
    {
        // Arrange: an agent's reply starts no turn, so nothing else touches these rows afterwards.
        var reply = new MessageWebhookBuilder(conversationId: 42).WithId(7).FromAgent();

        // Act
        await Server.Http.PostSignedAsync(reply.ToJson());
        await Database.InboxDrainedAsync();

        // Assert: rows written by one transaction share its xmin.
        Assert.Equal(1, await Database.CountAsync("""
            (SELECT xmin::text FROM inbox_events WHERE source = 'chatwoot' AND state = 'done'
             UNION SELECT xmin::text FROM transcript_messages WHERE message_id = 7
             UNION SELECT xmin::text FROM conversations WHERE conversation_id = 42) commits
            """));
    }

    [Fact]
    public async Task Widget_form_submit_is_recorded_as_customer_input()
    {
        var form = new MessageWebhookBuilder().WithId(9).AsFormSubmit(("email", "jane@example.com"), ("order", "1042"));

        await Server.Http.PostSignedAsync(form.ToJson());
        await Database.InboxDrainedAsync();

        var submission = Assert.Single(await Database.TranscriptAsync(1, 42), l => l.Kind == TranscriptEntry.SubmissionKind);
        Assert.Equal(TranscriptRole.Customer, submission.Role);
        Assert.Equal("email: jane@example.com\norder: 1042", submission.Content);
    }

    [Fact]
    public async Task Handoff_status_and_assignment_make_the_conversation_a_humans_until_it_is_resolved_and_the_customer_writes()
    {
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().WithConversation(c => c.WithUpdatedAt(100)).ToJson());
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_status_changed")
            .With(c => c.WithStatus("open").WithTeam(3).WithUpdatedAt(200)).ToJson());
        await Database.InboxDrainedAsync();
        Assert.Equal(Ownership.Human, (await Database.ConversationAsync(1, 42))!.Ownership);

        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_resolved")
            .With(c => c.WithStatus("resolved").WithAssignee(12).WithUpdatedAt(300)).ToJson());
        await Database.InboxDrainedAsync();
        Assert.Equal(Ownership.Closed, (await Database.ConversationAsync(1, 42))!.Ownership);

        await Server.Http.PostSignedAsync(new MessageWebhookBuilder()
            .WithConversation(c => c.WithStatus("pending").WithAssignee(12).WithUpdatedAt(400)).ToJson());
        await Database.InboxDrainedAsync();
        Assert.Equal(Ownership.Bot, (await Database.ConversationAsync(1, 42))!.Ownership);
    }

    [Fact]
    public async Task Fifty_events_across_ten_conversations_posted_concurrently_are_processed_in_per_conversation_order()
    {
        // Arrange: five messages per conversation, each conversation's posted one after another, conversations in parallel.
        var conversations = Enumerable.Range(100, 10).ToList();

        // Act
        await Task.WhenAll(conversations.Select(async conversationId =>
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await Server.Http.PostSignedAsync(
                    new MessageWebhookBuilder(conversationId).WithId((conversationId * 100) + i).WithContent($"message {i}").ToJson());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));

        // Assert: the transcript was written in the order the events arrived, for every conversation.
        var states = await Database.InboxDrainedAsync();
        Assert.Equal(50, states.Count(s => s == "done"));
        foreach (var conversationId in conversations)
        {
            var lines = await Database.TranscriptInsertionOrderAsync(1, conversationId);
            Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)((conversationId * 100) + i)), lines);
        }
    }

    [Fact]
    public async Task Webhook_that_cannot_be_stored_is_500_soChatwoot_retries_it()
    {
        // Arrange: the inbox table is unreachable, as in a database outage.
        await Database.ExecuteAsync("ALTER TABLE inbox_events RENAME TO inbox_events_away");
        var body = new MessageWebhookBuilder().ToJson();
        var delivery = Guid.NewGuid().ToString();

        // Act
        using var failed = await Server.Http.PostSignedAsync(body, deliveryId: delivery);
        await Database.ExecuteAsync("ALTER TABLE inbox_events_away RENAME TO inbox_events");
        using var retried = await Server.Http.PostSignedAsync(body, deliveryId: delivery);

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(["done"], await Database.InboxDrainedAsync());
    }

    [Fact]
    public async Task Health_endpoints_say_alive_and_ready()
    {
        using var alive = await Server.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        using var ready = await Server.Http.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Secrets_never_appear_in_logs()
    {
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().ToJson(), secret: "wrong-secret");
        await Server.Http.PostSignedAsync(new MessageWebhookBuilder().ToJson());
        await Database.InboxDrainedAsync();

        Assert.NotEmpty(Server.Logs.Entries);
        foreach (var secret in KnownSecrets.All)
        {
            Assert.False(Server.Logs.Contains(secret), $"a log line contains {secret}");
        }
    }
}
