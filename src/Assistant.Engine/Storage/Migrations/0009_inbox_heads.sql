-- One row per ordering key (a conversation, a turn queue, a Zendesk ticket): the key's head, its earliest unfinished
-- event, and when a worker may claim it (the event's due time while it waits, the end of its lease while it runs).
-- A key with nothing unfinished keeps an idle row (no event, ready never) until the retention janitor removes it.
-- A claim reads one row of this table, however deep any key's queue is; before it, the claim walked the pending
-- events and checked each for an earlier unfinished event of its key, so a deep queue slowed every claim.
CREATE TABLE inbox_heads (
    ordering_key text        PRIMARY KEY,
    event_id     bigint      NULL,
    ready_at     timestamptz NOT NULL DEFAULT 'infinity'
);

CREATE INDEX inbox_heads_ready ON inbox_heads (ready_at) WHERE event_id IS NOT NULL;

-- The queue as it stands: each key's earliest unfinished event becomes its head.
INSERT INTO inbox_heads (ordering_key, event_id, ready_at)
SELECT DISTINCT ON (ordering_key) ordering_key, id,
       CASE WHEN state = 'processing' THEN coalesce(locked_until, now()) ELSE next_attempt_at END
FROM inbox_events
WHERE state IN ('pending', 'processing')
ORDER BY ordering_key, id;

-- The claim and the idle workers' wake-up time now read the heads.
DROP INDEX inbox_events_due;
DROP INDEX inbox_events_leased;
