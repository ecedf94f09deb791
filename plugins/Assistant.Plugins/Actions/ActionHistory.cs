using Assistant.Engine.History;

namespace Assistant.Plugins.Actions;

/// <summary>What order actions add to a conversation's timeline, and when their records go with the history purge.</summary>
public static class ActionHistory
{
    /// <summary>One entry per step an action reached: proposed (or refused outright), confirmed, approved, carried out and read back, ended.</summary>
    public static TimelineSource Timeline { get; } = new("""
        SELECT s.at, 2500 + s.n, 'action', s.title, s.detail, NULL
        FROM order_actions a,
             LATERAL (VALUES
                 (1, a.proposed_at, a.kind || ' #' || a.order_number || ' · proposed (' || a.mode || ')', a.details::text),
                 (2, a.confirmed_at, a.kind || ' #' || a.order_number || ' · confirmed by the customer', NULL),
                 (3, a.approved_at, a.kind || ' #' || a.order_number || ' · approved by a person', NULL),
                 (4, a.executed_at, a.kind || ' #' || a.order_number || ' · carried out', NULL),
                 (5, a.read_back_at, a.kind || ' #' || a.order_number || ' · read back', 'the store shows: ' || a.store_status),
                 (6, a.ended_at, a.kind || ' #' || a.order_number || ' · ' || replace(a.state, '_', ' '), a.reason)
             ) AS s(n, at, title, detail)
        WHERE a.account_id = @AccountId AND a.conversation_id = @ConversationId AND s.at IS NOT NULL
          AND NOT (s.n = 6 AND a.state = 'executed')
        """);

    /// <summary>Ended actions older than the history kept; one still waiting is kept whatever its age.</summary>
    public static HistoryPurgeStatement Purge { get; } = new("order actions", """
        DELETE FROM order_actions WHERE id IN (SELECT id FROM order_actions WHERE ended_at < @Before LIMIT @Batch)
        """);
}
