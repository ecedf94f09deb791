using Assistant.Operations.Reports;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Equal("Your request for order #1043 has been passed to the store. It now shows: Request received.", PublicTexts()[^1]);
        Assert.Contains(Notes(), n => n.StartsWith("Order action carried out: cancel order #1043", StringComparison.Ordinal));
        Assert.Equal(2, OpenAI.Completions.Count);
    }

    [Fact]
    public async Task Each_step_is_on_the_timeline_and_the_outcome_in_the_report()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Actions_CancelOrder", """{"orderNumber":"1043"}""").ThenText("Please confirm below.")
            .ThenToolCall("Actions_CancelOrder", """{"orderNumber":"1042"}""").ThenText("That one has shipped.");
        await StartWithActionsAsync();
        await SayAsync(VerifiedJane("Please cancel my order 1043"));
        await SettledTurnsAsync();
        await SayAsync(JaneClicks(Choice(0)));
        await SettledTurnsAsync();

        // Act
        await SayAsync(VerifiedJane("And cancel 1042 too"));
        await SettledTurnsAsync();
        var timeline = await Server.Services.GetRequiredService<TimelineRepository>().ReadAsync(42, 1, 1, Token);
        var report = await Server.Services.GetRequiredService<ReportRepository>().ReadAsync(TimeSpan.FromDays(1), Token);

        // Assert
        Assert.Equal(
            ["cancel #1043 · proposed (auto)", "cancel #1043 · confirmed by the customer", "cancel #1043 · carried out", "cancel #1043 · read back",
             "cancel #1042 · proposed (auto)", "cancel #1042 · refused"],
            timeline!.Entries.Where(e => e.Kind == "action").Select(e => e.Title));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal([new ActionCount(today, "cancel", "executed", 1), new ActionCount(today, "cancel", "refused", 1)], report.Actions);
        Assert.Contains("Order actions", ReportText.Render(report), StringComparison.Ordinal);
    }
}
