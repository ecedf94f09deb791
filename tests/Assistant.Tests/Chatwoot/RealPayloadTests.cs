using System.Net;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Chatwoot;

/// <summary>
/// Payload shapes real Chatwoot 4.x installations send (reference/chatwoot.md §1.5a), each posted to the running
/// service: every one is acknowledged 2xx and either folded into state or deliberately ignored, never lost.
/// </summary>
public sealed class RealPayloadTests : ConversationTestBase
{
    [Theory]
    [InlineData("conversation_status_changed")]
    [InlineData("conversation_opened")]
    [InlineData("conversation_updated")]
    public async Task Before_4_14_2_a_conversation_event_takes_its_account_from_the_last_message(string eventName)
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);
        var payload = new ConversationWebhookBuilder(eventName).With(c => c.WithStatus("open").WithAssignee(12).WithUpdatedAt(1781691700.1234567))
            .BeforeAccountWasAdded(withLastMessage: true).WithNullChangedAttributes();

        // Act
        await PostAsync(payload.ToJson());

        // Assert
        Assert.Equal(["done"], await Database.InboxDrainedAsync());
        Assert.Equal(("open", 12L), ((await Database.ConversationAsync(1, 42))!.Status, (await Database.ConversationAsync(1, 42))!.AssigneeId!.Value));
    }

    [Fact]
    public async Task Conversation_event_naming_no_account_uses_Chatwoot__AccountId()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Chatwoot:AccountId"] = "1");

        await PostAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved").WithUpdatedAt(1781691700))
            .BeforeAccountWasAdded(withLastMessage: false).ToJson());

        Assert.Equal(["done"], await Database.InboxDrainedAsync());
        Assert.Equal("resolved", (await Database.ConversationAsync(1, 42))!.Status);
    }

    [Fact]
    public async Task Conversation_event_naming_no_account_without_the_setting_is_kept_and_dead_lettered_with_what_to_set()
    {
        await StartServerAsync(withLlm: false);

        await PostAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved"))
            .BeforeAccountWasAdded(withLastMessage: false).ToJson());

        Assert.Equal(["dead"], await Database.InboxDrainedAsync());
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        Assert.Contains("set Chatwoot__AccountId", await connection.QuerySingleAsync<string>("SELECT last_error FROM inbox_events"), StringComparison.Ordinal);
    }

    public static TheoryData<string> IgnoredShapes => new()
    {
        // conversation_created before 4.14.2: conversation data, no account, no messages.
        """{"event":"conversation_created","id":42,"inbox_id":3,"status":"pending","messages":[],"meta":{"sender":{"id":77,"type":"contact"}},"updated_at":1781691629.5}""",
        // The widget's typing event: a contact as user, with no type, and no account.
        """{"event":"conversation_typing_on","conversation":{"id":42,"inbox_id":3,"messages":[]},"user":{"id":77,"name":"Jane Doe"},"is_private":false}""",
        """{"event":"conversation_typing_off","conversation":{"id":42,"messages":[{"id":1,"account_id":1}]},"user":{"id":12,"type":"user"},"is_private":false}""",
        """{"event":"contact_updated","id":77,"name":"Jane Doe","account":{"id":1,"name":"Acme"},"changed_attributes":null}""",
    };

    [Theory]
    [MemberData(nameof(IgnoredShapes))]
    public async Task Events_the_assistant_does_not_use_are_acknowledged_and_ignored_whatever_their_shape(string payload)
    {
        await StartServerAsync(withLlm: false);

        await PostAsync(payload);

        Assert.Equal(["done"], await Database.InboxDrainedAsync());
    }

    [Fact]
    public async Task Html_rendered_content_of_4_9_to_4_12_becomes_plain_text()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartServerAsync(withLlm: false);

        await PostAsync(new MessageWebhookBuilder(42).WithContent("<p>Where is order <strong>1042</strong>?</p>\n<p>Thanks &amp; bye</p>\n")
            .WithConversation(c => c.WithStatus("open")).ToJson());
        await Database.InboxDrainedAsync();

        var line = Assert.Single(await Database.TranscriptAsync(1, 42));
        Assert.Equal("Where is order 1042?\n\nThanks & bye", line.Content);
    }

    [Fact]
    public async Task Attachment_only_message_is_described_to_the_model()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Thanks for the photo and your location.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(VerifiedJane("ignored").WithContent(null).WithAttachments(
            MessageWebhookBuilder.Attachment("image", "https://chat.example.com/rails/active_storage/blobs/redirect/eyJf/broken-mug.jpg"),
            MessageWebhookBuilder.Attachment("location", lat: 52.52, lon: 13.405),
            MessageWebhookBuilder.Attachment("audio", "https://chat.example.com/rails/active_storage/blobs/redirect/eyJg/voice.ogg", transcript: "it arrived broken")));
        await SettledTurnsAsync();

        // Assert: what was sent, not where it is stored.
        var user = OpenAI.Completions[0].GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user");
        Assert.Equal("[image: broken-mug.jpg]\n[location: 52.52, 13.405]\n[voice message: \"it arrived broken\"]", user.GetProperty("content").GetString());
        Assert.DoesNotContain("active_storage", OpenAI.RequestsTo("POST", "/v1/chat/completions")[0].Body, StringComparison.Ordinal);
        Assert.Equal("Thanks for the photo and your location.", Assert.Single(Posted()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Attachment_the_offline_router_cannot_read_is_handed_to_a_person()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(VerifiedJane("ignored").WithContent(null).WithAttachments(MessageWebhookBuilder.Attachment("file", "https://chat.example.com/f/invoice.pdf")));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["handed_off"], turns);
        Assert.Contains("[file: invoice.pdf]", Posted()[0].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    private async Task PostAsync(string payload)
    {
        using var response = await Server.Http.PostSignedAsync(payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
