-- The decision timeline places tool calls and model calls at the moment they started.
ALTER TABLE turn_tool_calls ADD COLUMN started_at timestamptz NULL;

CREATE TABLE turn_model_rounds (
    turn_id       bigint           NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
    seq           int              NOT NULL,
    started_at    timestamptz      NOT NULL,
    milliseconds  double precision NOT NULL,
    input_tokens  bigint           NOT NULL,
    output_tokens bigint           NOT NULL,
    finish        text             NOT NULL,
    PRIMARY KEY (turn_id, seq)
);
