using Assistant.Engine.Prompts;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Turns;

/// <summary>
/// <c>Assistant__SilenceLimit</c>: a customer message that got neither an answer nor a handoff in time is handed to a
/// person with an apology; a turn that finishes later finds the conversation the people's and stays quiet.
/// </summary>
public sealed class SilenceWatchdogTests : ConversationTestBase
{
    private const string Silence = "silence";

    [Fact]
    public async Task A_message_left_unanswered_past_the_limit_is_handed_off_with_an_apology_and_the_late_answer_is_not_sent()
    {
        // Arrange: the model takes far longer than it should.
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenSlowText("Order 1042 is on its way.", TimeSpan.FromSeconds(4));
        await StartServerAsync(withLlm: true, s => s["Assistant:SilenceLimit"] = "00:02:00");
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await Eventually.WaitForAsync(() => Database.CountAsync("turns WHERE state = 'running'"), n => n == 1, "the turn to be waiting on the model");

        // Act: the limit passes while the turn still waits.
        await Database.TimePassesAsync(Silence);
        var opened = await Eventually.WaitForAsync(() => Task.FromResult(conversation.Status), s => s == "open", "the watchdog's handoff");
        var outcomes = await SettledTurnsAsync();

        // Assert
        Assert.Equal("open", opened);
        var said = Posted().Where(m => !m.GetProperty("private").GetBoolean()).Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Equal([Texts("handoff.apology")], said);
        Assert.Contains(Posted(), m => m.GetProperty("private").GetBoolean()
            && m.GetProperty("content").GetString()!.Contains("Assistant__SilenceLimit", StringComparison.Ordinal));
        Assert.Equal(["not_owner"], outcomes);
    }

    [Fact]
    public async Task A_message_answered_in_time_leaves_the_watchdog_nothing_to_do()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Assistant:SilenceLimit"] = "00:02:00");
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();
        var waiting = await Database.WaitingTimersAsync();
        var answered = Posted().Count;

        await Database.TimePassesAsync(Silence);
        await SettledTurnsAsync();

        Assert.Equal([Silence], waiting);
        Assert.Equal(answered, Posted().Count);
        Assert.Equal("pending", conversation.Status);
        Assert.Empty(await Database.WaitingTimersAsync());
    }

    private string Texts(string key) =>
        Server.Services.GetRequiredService<PromptLibrary>().Current.Locales.For("en")[key];
}
