-- The claim walks pending events in the order they fall due and stops at the first whose conversation has nothing
-- earlier unfinished; an id-ordered walk also stepped over every debounced turn not yet due.
CREATE INDEX inbox_events_due ON inbox_events (next_attempt_at, id) WHERE state = 'pending';

-- Claims whose lease ran out (their instance died) are found without scanning the queue.
CREATE INDEX inbox_events_leased ON inbox_events (locked_until) WHERE state = 'processing';

DROP INDEX inbox_events_runnable;
