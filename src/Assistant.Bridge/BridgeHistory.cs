using Assistant.Engine.History;

namespace Assistant.Bridge;

/// <summary>What the bridge's own tables add to a conversation's timeline and to the history purge.</summary>
public static class BridgeHistory
{
    /// <summary>Each mirror write, placed after the conversation's other entries of the same moment.</summary>
    public static TimelineSource Timeline { get; } = new("""
        SELECT l.created_at, 3000, 'zendesk', replace(l.direction, '_', ' ') || ' · ' || l.state,
               'ticket ' || l.ticket_id || coalesce(', comment ' || l.zendesk_comment_id, ''), NULL
        FROM zendesk_ledger l JOIN zendesk_tickets z ON z.ticket_id = l.ticket_id
        WHERE z.account_id = @AccountId AND z.conversation_id = @ConversationId
        """);

    public static IReadOnlyList<HistoryPurgeStatement> Purge { get; } =
    [
        new("zendesk ledger", """
            DELETE FROM zendesk_ledger WHERE id IN (SELECT id FROM zendesk_ledger WHERE state = 'done' AND created_at < @Before LIMIT @Batch)
            """),
        // Update records matter for ten minutes (Zendesk's per-ticket window); a day is plenty.
        new("zendesk updates", "DELETE FROM zendesk_updates WHERE updated_at < least(@Before, now() - interval '1 day')"),
    ];
}
