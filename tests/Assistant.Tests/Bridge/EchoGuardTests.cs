using System.Net;
using Assistant.Bridge;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Bridge;

/// <summary>
/// Each way the bridge recognises its own comments coming back from Zendesk, tested alone: a later unique constraint
/// must not be what stops an echo.
/// </summary>
public sealed class EchoGuardTests : BridgeTestBase
{
    [Fact]
    public async Task Echo_arriving_while_the_outgoing_comment_is_still_pending_is_recognised_by_its_content()
    {
        // Arrange: the bridge is writing "We are on it." to the ticket; Zendesk's event for it arrives before the write
        // is confirmed, under an author id the bridge does not recognise as its own.
        var ticketId = await MirroredTicketAsync();
        var hash = BridgeRepository.Hash("We are on it.");
        await Database.ExecuteAsync($"INSERT INTO zendesk_ledger (direction, ticket_id, content_hash) VALUES ('to_zendesk', {ticketId}, '{hash}')");
        var before = Posted().Count;

        // Act
        await DeliverAsync(FakeZendesk.CommentAdded(ticketId, 9501, "We are on it.", isPublic: true, authorId: 777, isStaff: true));

        // Assert
        Assert.Equal(before, Posted().Count);
    }

    [Fact]
    public async Task Comment_by_the_bridges_own_user_in_no_ledger_row_never_reaches_chatwoot()
    {
        // Arrange
        var ticketId = await MirroredTicketAsync();
        var before = Posted().Count;

        // Act: the bridge's Zendesk user wrote a comment the ledger never saw (a manual edit, a lost ledger row).
        await DeliverAsync(FakeZendesk.CommentAdded(ticketId, 9502, "Written as the bridge, outside it.", isPublic: true,
            authorId: FakeZendesk.BridgeUserId, isStaff: true));

        // Assert
        Assert.Equal(before, Posted().Count);
    }

    [Fact]
    public async Task Reconciler_never_brings_back_a_comment_by_the_bridges_own_user()
    {
        // Arrange
        var ticketId = await MirroredTicketAsync();
        Zendesk.Tickets[ticketId].Comments.Add(new FakeZendesk.FakeComment(9503, "Written as the bridge, outside it.", true, FakeZendesk.BridgeUserId));
        var reconciler = Server.Services.GetRequiredService<ZendeskReconciler>();
        var before = Posted().Count;

        // Act
        var recovered = await reconciler.ReconcileAsync(TimeSpan.FromDays(1), Token);
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(0, recovered);
        Assert.Equal(before, Posted().Count);
    }

    /// <summary>A conversation a human owns, mirrored to one ticket with every write confirmed.</summary>
    private async Task<long> MirroredTicketAsync()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();
        await SayAsync(VerifiedJane("My parcel is late").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();
        return Assert.Single(Zendesk.Tickets.Values).Id;
    }

    private async Task DeliverAsync(string eventJson)
    {
        using var request = FakeZendesk.SignedEvent(eventJson);
        using var response = await Server.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SettledTurnsAsync();
    }
}
