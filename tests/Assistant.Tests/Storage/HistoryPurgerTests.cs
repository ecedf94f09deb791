using Assistant.Bridge;
using Assistant.Operations.Retention;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;

namespace Assistant.Tests.Storage;

public sealed class HistoryPurgerTests : ConversationTestBase
{
    /// <summary>The purge as the service has it: the engine's tables and the bridge's.</summary>
    private HistoryPurger Purger() => new(Database.DataSource, BridgeHistory.Purge);

    [Fact]
    public async Task History_past_its_keeping_time_is_deleted_and_recent_or_unfinished_history_kept()
    {
        // Arrange: two answered conversations; 42's history is made 200 days old, and an old turn of 44 never finished.
        foreach (var id in new long[] { 42, 43, 44 })
        {
            Chatwoot.AddConversation(1, id);
        }

        await StartServerAsync(withLlm: false);
        foreach (var id in new long[] { 42, 43, 44 })
        {
            await SayAsync(VerifiedJane("What's the status of order 1042?", id));
            await SettledTurnsAsync(id);
        }

        await Database.ExecuteAsync("""
            UPDATE transcript_messages SET recorded_at = now() - interval '200 days' WHERE conversation_id IN (42, 44);
            UPDATE turns SET started_at = now() - interval '200 days', finished_at = now() - interval '200 days' WHERE conversation_id IN (42, 44);
            UPDATE turns SET state = 'running' WHERE conversation_id = 44;
            INSERT INTO zendesk_ledger (direction, ticket_id, content_hash, state, created_at) VALUES
                ('to_zendesk', 1, 'old', 'done', now() - interval '200 days'), ('to_zendesk', 1, 'pending', 'pending', now() - interval '200 days'),
                ('to_zendesk', 1, 'new', 'done', now());
            """);

        // Act
        var purged = await Purger().PurgeAsync(DateTimeOffset.UtcNow.AddDays(-90), Token);
        var (lines, turns, ledger) = (purged.Lines, purged.Turns, purged.Others["zendesk ledger"]);

        // Assert
        Assert.Equal((1, 1, 1), (lines, turns, ledger));
        Assert.Empty(await Database.TranscriptAsync(1, 42));
        Assert.NotEmpty(await Database.TranscriptAsync(1, 43));
        Assert.NotEmpty(await Database.TranscriptAsync(1, 44));
        Assert.Equal(0, await Database.CountAsync("turns WHERE conversation_id = 42"));
        Assert.Equal(0, await Database.CountAsync("turn_actions a JOIN turns t ON t.id = a.turn_id WHERE t.conversation_id = 42"));
        Assert.Equal(1, await Database.CountAsync("turns WHERE conversation_id = 44"));
        Assert.Equal(2, await Database.CountAsync("zendesk_ledger"));
        Assert.NotNull(await Database.ConversationAsync(1, 42));
    }

    [Fact]
    public async Task Order_look_up_misses_are_deleted_once_no_window_can_count_them()
    {
        await Database.ExecuteAsync("""
            INSERT INTO order_lookup_events (account_id, conversation_id, contact_id, kind, at) VALUES
                (1, 42, 78, 'miss', now() - interval '40 days'), (1, 42, 78, 'miss', now() - interval '2 days');
            """);

        await Purger().PurgeAsync(DateTimeOffset.UtcNow.AddDays(-90), Token);

        Assert.Equal(1, await Database.CountAsync("order_lookup_events WHERE at > now() - interval '3 days'"));
        Assert.Equal(1, await Database.CountAsync("order_lookup_events"));
    }

    [Fact]
    public async Task Csat_ratings_and_their_feedback_go_with_the_conversations_history()
    {
        await Database.ExecuteAsync("""
            INSERT INTO csat_responses (account_id, message_id, conversation_id, rating, feedback, resolved_by, recorded_at) VALUES
                (1, 9001, 42, 2, 'Jane, 12 Main St: slow', 'people', now() - interval '200 days'), (1, 9002, 43, 5, NULL, 'bot', now());
            """);

        await Purger().PurgeAsync(DateTimeOffset.UtcNow.AddDays(-90), Token);

        Assert.Equal(1, await Database.CountAsync("csat_responses WHERE message_id = 9002"));
        Assert.Equal(1, await Database.CountAsync("csat_responses"));
    }
}
