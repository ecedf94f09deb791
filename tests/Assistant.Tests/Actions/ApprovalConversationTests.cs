using Assistant.Tests.Infrastructure;
using Dapper;

namespace Assistant.Tests.Actions;

/// <summary><c>Actions__*=approval</c>: the customer confirms, the team gets the prepared action, and a label decides it.</summary>
public sealed class ApprovalConversationTests : OrderActionTestBase
{
    private async Task ConfirmForApprovalAsync(Action<Dictionary<string, string?>>? configure = null, string mode = "approval")
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Actions_CancelOrder", """{"orderNumber":"1043"}""").ThenText("Please confirm below.");
        await StartWithActionsAsync(mode, configure);
        await SayAsync(VerifiedJane("Cancel order 1043 please"));
        await SettledTurnsAsync();
        await SayAsync(JaneClicks(Choice(0)));
        await SettledTurnsAsync();
    }

    [Fact]
    public async Task Confirmed_action_is_handed_to_people_with_the_prepared_action_in_a_note()
    {
        // Act
        await ConfirmForApprovalAsync();

        // Assert
        Assert.Equal(["answered", "handed_off"], await SettledTurnsAsync());
        Assert.Empty(await OrderRequestsAsync());
        Assert.Equal(["awaiting_approval"], await ActionStatesAsync());
        var note = Notes()[^1];
        Assert.Contains("Prepared for approval: cancel order #1043", note, StringComparison.Ordinal);
        Assert.Contains("\"approve-action\"", note, StringComparison.Ordinal);
        Assert.Equal("Thanks! A colleague needs to approve this request; you'll hear back here as soon as they have.", PublicTexts()[^1]);
        Assert.Contains("handoff:order_action", Chatwoot.Conversations[(1, 42)].Labels);
    }

    [Fact]
    public async Task Approval_label_carries_the_action_out_and_tells_the_customer()
    {
        // Arrange
        await ConfirmForApprovalAsync();

        // Act
        await LabelAsync("approve-action", updatedAt: 1_900_000_000);
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered", "handed_off", "answered"], turns);
        Assert.Equal([("cancel", "1043", "requested")], await OrderRequestsAsync());
        Assert.Equal(["executed"], await ActionStatesAsync());
        Assert.Equal("Your request for order #1043 has been passed to the store. It now shows: Request received.", PublicTexts()[^1]);
        Assert.StartsWith("Order action carried out", Notes()[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("approve-action", Chatwoot.Conversations[(1, 42)].Labels);
    }

    [Fact]
    public async Task Approval_that_fails_on_every_attempt_is_dead_lettered_with_a_note_to_the_team_and_nothing_to_the_customer()
    {
        // Arrange: the store refuses every write once the customer has confirmed.
        await ConfirmForApprovalAsync(s =>
        {
            s["Inbox:MaxAttempts"] = "2";
            s["Inbox:RetryBaseDelay"] = "00:00:00.050";
            s["Inbox:RetryMaxDelay"] = "00:00:00.050";
        });
        await using (var connection = await Database.DataSource.OpenConnectionAsync(Token))
        {
            await connection.ExecuteAsync("ALTER TABLE shop.order_requests RENAME TO order_requests_unreachable");
        }

        var toldBefore = PublicTexts().Count;

        // Act
        await LabelAsync("approve-action", updatedAt: 1_900_000_000);
        await Database.InboxDrainedAsync();

        // Assert
        Assert.Equal("dead", (await Database.InboxStatesAsync("turn"))[^1]);
        Assert.StartsWith("The approval of this conversation's order action could not be carried out", Notes()[^1], StringComparison.Ordinal);
        Assert.Equal(toldBefore, PublicTexts().Count);
        Assert.Contains("approve-action", Chatwoot.Conversations[(1, 42)].Labels);
    }

    [Fact]
    public async Task Rejection_label_drops_the_action_and_tells_the_customer()
    {
        // Arrange
        await ConfirmForApprovalAsync();

        // Act
        await LabelAsync("reject-action", updatedAt: 1_900_000_000);
        await SettledTurnsAsync();

        // Assert
        Assert.Empty(await OrderRequestsAsync());
        Assert.Equal(["rejected"], await ActionStatesAsync());
        Assert.StartsWith("A colleague reviewed your request for order #1043", PublicTexts()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_after_the_action_expired_does_nothing_and_says_so_in_a_note()
    {
        // Arrange
        await ConfirmForApprovalAsync();
        await using (var connection = await Database.DataSource.OpenConnectionAsync(Token))
        {
            await connection.ExecuteAsync("UPDATE order_actions SET expires_at = now() - interval '1 minute'");
        }

        var publicBefore = PublicTexts().Count;

        // Act
        await LabelAsync("approve-action", updatedAt: 1_900_000_000);
        await SettledTurnsAsync();

        // Assert
        Assert.Empty(await OrderRequestsAsync());
        Assert.Equal(["expired"], await ActionStatesAsync());
        Assert.StartsWith("The prepared action (cancel order #1043", Notes()[^1], StringComparison.Ordinal);
        Assert.Equal(publicBefore, PublicTexts().Count);
    }

    [Fact]
    public async Task Approval_label_put_on_twice_carries_the_action_out_once()
    {
        // Arrange
        await ConfirmForApprovalAsync();

        // Act
        await LabelAsync("approve-action", updatedAt: 1_900_000_000);
        await SettledTurnsAsync();
        await LabelAsync("approve-action", updatedAt: 1_900_000_100);
        await SettledTurnsAsync();

        // Assert
        Assert.Equal([("cancel", "1043", "requested")], await OrderRequestsAsync());
        Assert.Single(PublicTexts(), t => t.StartsWith("Your request for order #1043", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Order_above_the_auto_ceiling_waits_for_approval()
    {
        // Act
        await ConfirmForApprovalAsync(s => s["Actions:AutoMaxTotal"] = "1", mode: "auto");

        // Assert
        Assert.Empty(await OrderRequestsAsync());
        Assert.Equal(["awaiting_approval"], await ActionStatesAsync());
    }
}
