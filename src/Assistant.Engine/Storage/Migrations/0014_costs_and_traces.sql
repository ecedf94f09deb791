-- A stored event remembers the trace of the request that stored it, so processing continues that trace.
ALTER TABLE inbox_events ADD COLUMN trace_parent text NULL;

-- What a turn cost and why it ended as it did, for budgets and the report.
ALTER TABLE turns
    ADD COLUMN model          text          NULL,  -- the model asked, when one was
    ADD COLUMN cost           numeric(14,6) NOT NULL DEFAULT 0,  -- at the prices configured when it ran
    ADD COLUMN handoff_reason text          NULL,
    ADD COLUMN budget         text          NULL,  -- the budget that kept the model out: conversation_tokens, daily_spend
    ADD COLUMN after_hours    boolean       NOT NULL DEFAULT false;  -- handed off outside business hours

-- The report and the daily budget read turns by time.
CREATE INDEX turns_started_at ON turns (started_at);
