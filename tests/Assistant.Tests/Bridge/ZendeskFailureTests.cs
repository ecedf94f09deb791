using System.Net;
using System.Text.Json.Nodes;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Bridge;

/// <summary>
/// A Zendesk comment the bridge has claimed is applied exactly once whatever fails after the claim: the event is
/// retried, and the retry finds what an earlier attempt already made in Chatwoot. An event for a ticket the mirror is
/// creating at that moment waits for the link instead of being dropped.
/// </summary>
public sealed class ZendeskFailureTests : BridgeTestBase
{
    private const string Question = "What is the status of order 1050?";

    [Fact]
    public async Task Ticket_opener_whose_conversation_was_made_but_not_acknowledged_resumes_it_instead_of_opening_another()
    {
        // Arrange: Chatwoot stores the conversation, but its answer is lost.
        var opened = ArrangeOpener();
        var lost = 1;
        Chatwoot.Faults = r => r.Method == "POST" && r.Path == "/api/v1/accounts/1/conversations" && Interlocked.Exchange(ref lost, 0) == 1
            ? new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.InternalServerError), AfterRoute: true)
            : null;
        await StartOpenerAsync();

        // Act
        await OmarOpensTicketAsync();

        // Assert: one conversation, linked to the ticket, carrying the ticket's id.
        var created = Assert.Single(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations"));
        Assert.Equal(555, created.Json.GetProperty("custom_attributes").GetProperty("zendesk_ticket_id").GetInt64());
        Assert.True(opened.Value);
        Assert.Equal(1, await Database.CountAsync("zendesk_tickets WHERE ticket_id = 555 AND conversation_id = 300"));
        Assert.Equal(1, await Database.CountAsync("zendesk_ledger WHERE zendesk_comment_id = 9200 AND state = 'done'"));
    }

    [Fact]
    public async Task Ticket_opener_that_failed_before_the_conversation_existed_opens_it_on_the_retry()
    {
        // Arrange: the contact cannot be made on the first attempt.
        ArrangeOpener();
        var down = 1;
        Chatwoot.Faults = r => r.Method == "POST" && r.Path == "/api/v1/accounts/1/contacts" && Interlocked.Exchange(ref down, 0) == 1
            ? new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.ServiceUnavailable), AfterRoute: false)
            : null;
        await StartOpenerAsync();

        // Act
        await OmarOpensTicketAsync();

        // Assert: the comment was not lost to its own claim.
        var created = Assert.Single(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations"));
        Assert.Equal(Question, created.Json.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(1, await Database.CountAsync("zendesk_tickets WHERE ticket_id = 555"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Agent_comment_whose_chatwoot_write_failed_reaches_the_customer_once(bool stored)
    {
        // Arrange: a mirrored conversation; Chatwoot fails the first write (having stored it, or not).
        Chatwoot.AddConversation(1, 42);
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("I need to change my address"));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        var before = Posted().Count;
        var failing = 1;
        Chatwoot.Faults = r => r.Method == "POST" && r.Path == "/api/v1/accounts/1/conversations/42/messages" && Interlocked.Exchange(ref failing, 0) == 1
            ? new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.InternalServerError), AfterRoute: stored)
            : null;

        // Act
        using (var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(ticket.Id, 9001, "I updated your address.", isPublic: true, authorId: 777, isStaff: true)))
        using (var response = await Server.Http.SendAsync(request, Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SettledTurnsAsync();

        // Assert
        Assert.Single(Posted().Skip(before), m => m.GetProperty("content").GetString() == "I updated your address.");
        Assert.Equal(1, await Database.CountAsync("zendesk_ledger WHERE zendesk_comment_id = 9001 AND state = 'done'"));
    }

    [Fact]
    public async Task Comment_that_arrives_while_its_ticket_is_being_created_waits_for_the_link_and_is_applied()
    {
        // Arrange: a trigger answers the new ticket before Zendesk has answered the create call.
        Chatwoot.AddConversation(1, 42);
        await StartBridgeAsync();
        Zendesk.WhileCreating = async ticket =>
        {
            using var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(ticket.Id, 9500, "Thanks for writing, we're on it.",
                isPublic: true, authorId: 777, isStaff: true, externalId: ticket.ExternalId));
            using var response = await Server.Http.SendAsync(request, Token);
        };

        // Act
        await SayAsync(VerifiedJane("My parcel is late"));
        await SettledTurnsAsync();
        await Database.InboxDrainedAsync("zendesk");

        // Assert
        Assert.Single(Posted(), m => m.GetProperty("content").GetString() == "Thanks for writing, we're on it.");
    }

    private StrongBox ArrangeOpener()
    {
        var opened = new StrongBox();
        Chatwoot.AddConversation(1, 300);
        Chatwoot.On("POST", "/api/v1/accounts/1/contacts", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(
            """{"payload":{"contact":{"id":88,"name":"Omar Haddad","email":"omar@haddad-trading.example"},"contact_inbox":{"source_id":"src-88"}}}"""), userOnly: true));
        Chatwoot.On("POST", "/api/v1/accounts/1/conversations", r =>
        {
            opened.Value = true;
            return FakeResponse.Json("""{"id":300,"account_id":1,"inbox_id":9}""");
        });
        Chatwoot.On("GET", "/api/v1/accounts/1/contacts/88/conversations", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(new JsonObject
        {
            ["payload"] = opened.Value
                ? new JsonArray(new JsonObject { ["id"] = 300, ["inbox_id"] = 9, ["custom_attributes"] = new JsonObject { ["zendesk_ticket_id"] = 555 } })
                : new JsonArray(),
        }.ToJsonString()), userOnly: true));
        Zendesk.On("GET", "/api/v2/users/901", FakeResponse.Json("""{"user":{"id":901,"name":"Omar Haddad","email":"omar@haddad-trading.example"}}"""));
        return opened;
    }

    private Task StartOpenerAsync() => StartBridgeAsync(configure: s => (s["Zendesk:ChatwootAccountId"], s["Zendesk:ChatwootInboxId"]) = ("1", "9"));

    private async Task OmarOpensTicketAsync()
    {
        using (var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(555, 9200, Question, isPublic: true, authorId: 901, isStaff: false)))
        using (var response = await Server.Http.SendAsync(request, Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Database.InboxDrainedAsync("zendesk");
    }

    /// <summary>A flag a fake's route sets and another reads.</summary>
    private sealed class StrongBox
    {
        private int _value;

        public bool Value
        {
            get => Volatile.Read(ref _value) == 1;
            set => Volatile.Write(ref _value, value ? 1 : 0);
        }
    }
}
