using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Turns;

/// <summary>A turn that keeps failing outside the model is dead-lettered, but never in silence.</summary>
public sealed class LastAttemptTests : ConversationTestBase
{
    [Fact]
    public async Task Turn_failing_on_its_last_attempt_hands_off_with_the_apology_before_it_is_dead_lettered()
    {
        // Arrange: the store's order database is down while the offline router answers an order question.
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s =>
        {
            s["ConnectionStrings:Orders"] = "Host=127.0.0.1;Port=1;Database=shop;Username=shop;Timeout=1";
            s["Inbox:MaxAttempts"] = "2";
        });

        // Act
        await SayAsync(VerifiedJane("What's the status of order 1042?"));
        await Database.InboxDrainedAsync();

        // Assert
        Assert.Equal(["dead"], await Database.InboxStatesAsync("turn"));
        var posted = Posted();
        Assert.Equal(2, posted.Count);
        Assert.True(posted[0].GetProperty("private").GetBoolean());
        Assert.Contains("Reason: assistant_failure", posted[0].GetProperty("content").GetString());
        Assert.StartsWith("Sorry, something went wrong", posted[1].GetProperty("content").GetString());
        Assert.NotNull(InReplyTo(posted[1]));
        Assert.Equal(("open", 3L), (conversation.Status, conversation.TeamId!.Value));
    }

    [Fact]
    public async Task Attempts_before_the_last_say_nothing_to_the_customer()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        var orders = "Host=127.0.0.1;Port=1;Database=shop;Username=shop;Timeout=1";
        await StartServerAsync(withLlm: false, s =>
        {
            s["ConnectionStrings:Orders"] = orders;
            s["Inbox:MaxAttempts"] = "3";
            s["Inbox:RetryBaseDelay"] = "00:00:05";
            s["Inbox:RetryMaxDelay"] = "00:00:05";
        });

        await SayAsync(VerifiedJane("What's the status of order 1042?"));
        await Eventually.WaitForAsync(() => Database.CountAsync("inbox_events WHERE source = 'turn' AND attempts >= 1 AND state = 'pending'"), n => n == 1, "a failed first attempt");

        Assert.Empty(Posted());
        Assert.Equal("pending", conversation.Status);
    }
}
