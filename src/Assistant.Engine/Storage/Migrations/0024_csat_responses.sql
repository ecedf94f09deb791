-- Ratings customers gave in Chatwoot's CSAT survey (the bot's after it resolves, Chatwoot's after people resolve),
-- with who had resolved the conversation, so the report can set the bot's satisfaction beside the people's.
CREATE TABLE csat_responses (
    account_id      bigint      NOT NULL,
    message_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    rating          smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    feedback        text        NULL,
    resolved_by     text        NOT NULL CHECK (resolved_by IN ('bot', 'people')),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, message_id)
);
CREATE INDEX csat_responses_recorded ON csat_responses (recorded_at);
