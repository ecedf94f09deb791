-- The reply gate's verdicts on the turn's answers: [{"failures": [{"rule": ..., "reason": ...}], "passed": ...}, ...].
ALTER TABLE turns ADD COLUMN gate jsonb NULL;

-- The model's tool calls per turn, for the decision timeline: what it asked, what it got, how long it took.
CREATE TABLE turn_tool_calls (
    turn_id      bigint           NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
    seq          int              NOT NULL,
    name         text             NOT NULL,
    arguments    jsonb            NOT NULL,
    result       text             NOT NULL,
    milliseconds double precision NOT NULL,
    PRIMARY KEY (turn_id, seq)
);
