namespace Assistant.Tests.Actions;

/// <summary>Cancelling an order on the web widget, on the PostgreSQL store: propose, confirm by click, carry out once, read back.</summary>
public sealed class CancelConversationTests : OrderActionTestBase
{
    [Fact]
    public async Task Confirmed_cancel_of_an_unshipped_order_is_filed_once_and_read_back()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Actions_CancelOrder", """{"orderNumber":"1043"}""").ThenText("I can cancel order 1043; please confirm below.");
        await StartWithActionsAsync();
        await SayAsync(VerifiedJane("Please cancel my order 1043"));
        await SettledTurnsAsync();

        // Act
        await SayAsync(JaneClicks(Choice(0)));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered", "answered"], turns);
        Assert.Equal(("Yes, cancel #1043", "No, leave it"), (Choice(0).Title, Choice(1).Title));
        Assert.Equal([("cancel", "1043", "requested")], await OrderRequestsAsync());
        Assert.Equal(["executed"], await ActionStatesAsync());
        Assert.Equal("Done: order #1043 is cancelled. The store now shows: requested.", PublicTexts()[^1]);
        Assert.Contains(Notes(), n => n.StartsWith("Order action carried out: cancel order #1043", StringComparison.Ordinal));
        Assert.Equal(2, OpenAI.Completions.Count);
    }
}
