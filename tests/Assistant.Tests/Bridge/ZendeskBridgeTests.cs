using System.Net;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Bridge;

/// <summary>The bridge end to end: real PostgreSQL, the service on real HTTP, WireMock.Net fakes of Chatwoot and Zendesk.</summary>
public sealed class ZendeskBridgeTests : BridgeTestBase
{
    [Fact]
    public async Task First_message_creates_one_ticket_and_each_kind_of_line_gets_its_author_and_visibility()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        // Act: the customer writes, a human agent answers, the agent leaves a private note.
        await SayAsync(VerifiedJane("My parcel is late").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("Let me check with the courier."));
        await SayAsync(new MessageWebhookBuilder(42).AsPrivateNote().WithContent("Courier says Friday."));
        await SettledTurnsAsync();

        // Assert
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        Assert.Equal("chatwoot:1:42", ticket.ExternalId);
        Assert.Equal("My parcel is late", ticket.Subject);
        Assert.Equal("chatwoot:1:42", Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/tickets")).Header("idempotency-key"));
        // The agent's reply and note are both internal notes by the bridge, so they travel as one update.
        Assert.Equal(
            [("My parcel is late", true, FakeZendesk.RequesterId), ("[Agent] Let me check with the courier.\n\n[Private note] Courier says Friday.", false, FakeZendesk.BridgeUserId)],
            ticket.Comments.Select(c => (c.Body, c.Public, c.AuthorId)));
        Assert.Empty(Zendesk.Unexpected);
    }

    [Fact]
    public async Task Bridges_own_comments_echoed_byZendesk_never_come_back_to_chatwoot()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync(echo: true);

        await SayAsync(VerifiedJane("My parcel is late").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("On it."));
        await SettledTurnsAsync();
        // The comments' echoes arrive as webhooks of their own: wait for them, then for what they cause.
        await Zendesk.EchoesDeliveredAsync();
        await SettledTurnsAsync();

        Assert.Equal(2, Assert.Single(Zendesk.Tickets.Values).Comments.Count);
        Assert.Empty(Posted());
        Assert.Equal(2, await Database.CountAsync("inbox_events WHERE source = 'zendesk'"));
    }

    [Fact]
    public async Task Public_agent_comment_inZendesk_reaches_the_customer_once_and_the_bot_stops()
    {
        // Arrange: a mirrored conversation the bot owns.
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("I need to change my address"));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        var answersBefore = Posted().Count;
        var eventJson = FakeZendesk.CommentAdded(ticket.Id, 9001, "Hi Jane,\\n\\n\\n\\nI updated your address.\\n----------\\nAnna", isPublic: true, authorId: 777, isStaff: true, eventId: "evt-1");

        // Act: Zendesk delivers the event twice.
        using (var first = FakeZendesk.SignedEvent(eventJson))
        using (var response = await Server.Http.SendAsync(first, Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var again = FakeZendesk.SignedEvent(eventJson))
        using (var response = await Server.Http.SendAsync(again, Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SettledTurnsAsync();

        // Assert
        var relayed = Posted().Skip(answersBefore).ToList();
        var message = Assert.Single(relayed);
        Assert.Equal("Hi Jane,\n\nI updated your address.\n\nAnna", message.GetProperty("content").GetString());
        Assert.False(message.GetProperty("private").GetBoolean());
        Assert.Equal("open", conversation.Status);

        // The customer writes again: a human owns the conversation now, so the bot stays silent.
        await SayAsync(VerifiedJane("Thanks Anna!").WithConversation(c => c.WithStatus("open").WithUpdatedAt(1781699999)));
        await SettledTurnsAsync();
        Assert.Single(Posted().Skip(answersBefore));
    }

    [Fact]
    public async Task InternalZendesk_comment_becomes_a_private_note()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);

        using var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(ticket.Id, 9002, "VIP customer, be nice.", isPublic: false, authorId: 777, isStaff: true));
        using var response = await Server.Http.SendAsync(request, Token);
        await SettledTurnsAsync();

        var note = Assert.Single(Posted());
        Assert.True(note.GetProperty("private").GetBoolean());
        Assert.Equal("VIP customer, be nice.", note.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Zendesk_webhook_with_a_bad_signature_is_401_and_stores_nothing()
    {
        await StartBridgeAsync();

        using var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(1, 2, "x", true, 777, true), secret: "wrong");
        using var response = await Server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Database.CountAsync("inbox_events"));
    }

    [Fact]
    public async Task Zendesk_webhook_is_404_while_the_bridge_is_disabled()
    {
        await StartServerAsync(withLlm: false);

        using var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(1, 2, "x", true, 777, true));
        using var response = await Server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Solved_inZendesk_resolves_in_chatwoot_and_resolved_in_chatwoot_solves_inZendesk()
    {
        var conversation = Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open").WithUpdatedAt(100)));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);

        using (var request = FakeZendesk.SignedEvent(FakeZendesk.StatusChanged(ticket.Id, "OPEN", "SOLVED")))
        using (var response = await Server.Http.SendAsync(request, Token))
        {
            await SettledTurnsAsync();
        }

        Assert.Equal("resolved", conversation.Status);

        // Chatwoot reports the resolve it was asked for; then an agent reopens and resolves the conversation again.
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved").WithUpdatedAt(200)).ToJson());
        await SettledTurnsAsync();
        Assert.Empty(Zendesk.RequestsTo("PUT", $"/api/v2/tickets/{ticket.Id}"));
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_status_changed").With(c => c.WithStatus("open").WithUpdatedAt(300)).ToJson());
        await SettledTurnsAsync();
        Assert.Equal("open", ticket.Status);
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved").WithUpdatedAt(400)).ToJson());
        await SettledTurnsAsync();

        Assert.Equal("solved", ticket.Status);
    }

    [Fact]
    public async Task A_burst_of_forty_messages_stays_within_the_tickets_update_limit()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync(coalesce: "00:00:01");

        for (var i = 0; i < 40; i++)
        {
            var line = i % 2 == 0
                ? VerifiedJane($"customer line {i}").WithConversation(c => c.WithStatus("open"))
                : new MessageWebhookBuilder(42).FromAgent().WithContent($"agent line {i}");
            await SayAsync(line);
        }

        await SettledTurnsAsync();

        var ticket = Assert.Single(Zendesk.Tickets.Values);
        var updates = 1 + Zendesk.RequestsTo("PUT", $"/api/v2/tickets/{ticket.Id}").Count;
        Assert.InRange(updates, 1, 25);
        var mirrored = string.Join("\n", ticket.Comments.Select(c => c.Body));
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"line {i}", mirrored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rate_limited_update_is_retried_after_the_timeZendesk_asks_for()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        var limited = 0;
        var original = ticket.Comments.Count;
        Zendesk.On("PUT", $"/api/v2/tickets/{ticket.Id}", request =>
        {
            if (Interlocked.Increment(ref limited) == 1)
            {
                return FakeResponse.Error(HttpStatusCode.TooManyRequests, """{"error":"Rate limit for ticket updates exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
            }

            ticket.Comments.Add(new FakeZendesk.FakeComment(8000, request.Json.GetProperty("ticket").GetProperty("comment").GetProperty("body").GetString()!, false, FakeZendesk.BridgeUserId));
            return FakeResponse.Json("""{"ticket":{"id":1},"audit":{"events":[{"id":8000,"type":"Comment"}]}}""");
        });

        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("Answer after the limit."));
        await SettledTurnsAsync();

        Assert.Equal(original + 1, ticket.Comments.Count);
        Assert.Equal(2, limited);
    }

    [Fact]
    public async Task Ticket_is_created_once_when_its_creation_is_retried()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        Zendesk.LoseNextCreateResponse = true;
        await StartBridgeAsync();

        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();

        Assert.Single(Zendesk.Tickets.Values);
        Assert.Equal(2, Zendesk.RequestsTo("POST", "/api/v2/tickets").Count);
        Assert.All(Zendesk.RequestsTo("POST", "/api/v2/tickets"), r => Assert.Equal("chatwoot:1:42", r.Header("idempotency-key")));
    }

    [Fact]
    public async Task Comment_thatZendesk_stored_despite_an_error_is_not_written_twice()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        Zendesk.On("PUT", $"/api/v2/tickets/{ticket.Id}", request =>
        {
            // Zendesk stores the comment, then the response is lost.
            ticket.Comments.Add(new FakeZendesk.FakeComment(8100, request.Json.GetProperty("ticket").GetProperty("comment").GetProperty("body").GetString()!, false, FakeZendesk.BridgeUserId));
            return FakeResponse.Error(HttpStatusCode.BadGateway);
        });

        await SayAsync(new MessageWebhookBuilder(42).FromAgent().WithContent("Checking now."));
        await SettledTurnsAsync();

        Assert.Single(ticket.Comments, c => c.Body == "[Agent] Checking now.");
        Assert.Single(Zendesk.RequestsTo("PUT", $"/api/v2/tickets/{ticket.Id}"));
    }

    [Fact]
    public async Task Closed_ticket_continues_in_a_follow_up_ticket()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        var closed = Assert.Single(Zendesk.Tickets.Values);
        Zendesk.On("PUT", $"/api/v2/tickets/{closed.Id}", FakeResponse.Error(HttpStatusCode.UnprocessableEntity,
            """{"error":"RecordInvalid","description":"Record validation errors","details":{"status":[{"description":"Status: closed prevents ticket update"}]}}"""));

        await SayAsync(VerifiedJane("Me again, a week later").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();

        var followUp = Assert.Single(Zendesk.Tickets.Values, t => t.Id != closed.Id);
        Assert.Equal("Me again, a week later", followUp.Comments[0].Body);
        var create = Zendesk.RequestsTo("POST", "/api/v2/tickets")[^1];
        Assert.Equal(closed.Id, create.Json.GetProperty("ticket").GetProperty("via_followup_source_id").GetInt64());
    }

    [Fact]
    public async Task Agent_reply_whose_eventZendesk_dropped_is_recovered_by_the_reconciler_once()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        ticket.Comments.Add(new FakeZendesk.FakeComment(9100, "Your refund is on its way.", true, 777));
        var reconciler = Server.Services.GetRequiredService<Assistant.Bridge.ZendeskReconciler>();

        var first = await reconciler.ReconcileAsync(TimeSpan.FromDays(1), Token);
        await SettledTurnsAsync();
        var second = await reconciler.ReconcileAsync(TimeSpan.FromDays(1), Token);
        await SettledTurnsAsync();

        Assert.Equal((1, 0), (first, second));
        Assert.Equal("Your refund is on its way.", Assert.Single(Posted()).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Ticket_that_starts_inZendesk_opens_a_conversation_the_bot_answers_publicly()
    {
        // Arrange: Chatwoot's API inbox 9 will hold the conversation (display id 300) for the requester.
        Chatwoot.AddConversation(1, 300);
        Chatwoot.On("POST", "/api/v1/accounts/1/contacts", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(
            """{"payload":{"contact":{"id":88,"name":"Omar Haddad","email":"omar@haddad-trading.example"},"contact_inbox":{"source_id":"src-88"}}}"""), userOnly: true));
        Chatwoot.On("POST", "/api/v1/accounts/1/conversations", r => FakeResponse.Json("""{"id":300,"account_id":1,"inbox_id":9}"""));
        Zendesk.On("PUT", "/api/v2/tickets/555", FakeResponse.Json("""{"ticket":{"id":555},"audit":{"events":[{"id":9300,"type":"Comment"}]}}"""));
        Zendesk.On("GET", "/api/v2/users/901", FakeResponse.Json("""{"user":{"id":901,"name":"Omar Haddad","email":"omar@haddad-trading.example"}}"""));
        await StartBridgeAsync(configure: s =>
        {
            s["Zendesk:ChatwootAccountId"] = "1";
            s["Zendesk:ChatwootInboxId"] = "9";
        });

        // Act: Omar opens ticket 555 in Zendesk.
        using (var request = FakeZendesk.SignedEvent(FakeZendesk.CommentAdded(555, 9200, "What is the status of order 1050?", isPublic: true, authorId: 901, isStaff: false)))
        using (var response = await Server.Http.SendAsync(request, Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SettledTurnsAsync(300);
        var created = Assert.Single(Chatwoot.RequestsTo("POST", "/api/v1/accounts/1/conversations"));
        Assert.Equal(("src-88", 9, "What is the status of order 1050?"),
            (created.Json.GetProperty("source_id").GetString(), created.Json.GetProperty("inbox_id").GetInt32(), created.Json.GetProperty("message").GetProperty("content").GetString()));

        // Chatwoot sends the customer's first message to the bot, which answers; Chatwoot echoes the answer.
        await SayAsync(new MessageWebhookBuilder(300).WithContent("What is the status of order 1050?")
            .WithConversation(c => c.WithChannel("Channel::Api").WithContact(88, "Omar Haddad", email: "omar@haddad-trading.example")));
        await SettledTurnsAsync(300);
        var answer = Assert.Single(Posted(300)).GetProperty("content").GetString()!;
        await SayAsync(new MessageWebhookBuilder(300).FromBot().WithContent(answer).WithConversation(c => c.WithChannel("Channel::Api")));
        await SettledTurnsAsync(300);

        // Assert: the answer reached the ticket as a public comment; the customer's own words were not copied back.
        var put = Assert.Single(Zendesk.RequestsTo("PUT", "/api/v2/tickets/555"));
        var comment = put.Json.GetProperty("ticket").GetProperty("comment");
        Assert.True(comment.GetProperty("public").GetBoolean());
        Assert.Equal($"[Assistant] {answer}", comment.GetProperty("body").GetString());
        Assert.Empty(Zendesk.RequestsTo("POST", "/api/v2/tickets"));
    }
}
