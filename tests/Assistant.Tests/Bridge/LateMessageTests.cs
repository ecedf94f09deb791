using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Bridge;

/// <summary>Chatwoot delivers each event from its own job: a message written before a resolve can arrive after it.</summary>
public sealed class LateMessageTests : BridgeTestBase
{
    [Fact]
    public async Task Late_customer_message_older_than_the_resolve_neither_reopens_the_conversation_nor_the_solved_ticket()
    {
        // Arrange: a conversation mirrored to a ticket, then resolved (solved in Zendesk).
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open").WithUpdatedAt(100)));
        await SettledTurnsAsync();
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved").WithUpdatedAt(300)).ToJson());
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);
        Assert.Equal("solved", ticket.Status);

        // Act: the customer's "thanks", written at 200, arrives now.
        await SayAsync(VerifiedJane("Thanks!").WithConversation(c => c.WithStatus("open").WithUpdatedAt(200)));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal("resolved", (await Database.ConversationAsync(1, 42))!.Status);
        Assert.Equal("solved", ticket.Status);
        Assert.Empty(turns);
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("click")]
    public async Task Update_of_an_old_message_neither_reopens_a_resolved_conversation_nor_its_solved_ticket(string update)
    {
        // Arrange: a conversation mirrored to a ticket, then resolved (solved in Zendesk).
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("Hello").WithConversation(c => c.WithStatus("open").WithUpdatedAt(100)));
        await SettledTurnsAsync();
        await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_resolved").With(c => c.WithStatus("resolved").WithUpdatedAt(300)).ToJson());
        await SettledTurnsAsync();
        var ticket = Assert.Single(Zendesk.Tickets.Values);

        // Act: an update of an earlier message arrives, carrying the conversation as it is now.
        var old = update == "edit" ? VerifiedJane("Hello (edited)").AsUpdate() : VerifiedJane("x").AsSelectClick("Order #1042", "1042");
        await SayAsync(old.WithConversation(c => c.WithStatus("resolved").WithUpdatedAt(400)));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal("resolved", (await Database.ConversationAsync(1, 42))!.Status);
        Assert.Equal("solved", ticket.Status);
        Assert.Empty(turns);
    }
}
