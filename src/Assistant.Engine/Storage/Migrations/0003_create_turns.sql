-- One row per bot turn. A turn answers every customer input up to last_input_id (a transcript row); the unique key
-- makes a retried turn find its earlier self instead of answering twice.
CREATE TABLE turns (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id           bigint      NOT NULL,
    conversation_id      bigint      NOT NULL,
    last_input_id        bigint      NOT NULL REFERENCES transcript_messages (id),
    in_reply_to          bigint      NULL,      -- the Chatwoot message id replies quote
    state                text        NOT NULL DEFAULT 'running'
                         CHECK (state IN ('running', 'planned', 'done', 'skipped')),
    outcome              text        NULL,      -- answered, handed_off, resolved, silent, not_owner
    mode                 text        NULL,      -- llm or offline
    llm_rounds           int         NOT NULL DEFAULT 0,
    prompt_tokens        int         NOT NULL DEFAULT 0,
    completion_tokens    int         NOT NULL DEFAULT 0,
    tools_called         text[]      NOT NULL DEFAULT '{}',
    error                text        NULL,
    started_at           timestamptz NOT NULL DEFAULT now(),
    finished_at          timestamptz NULL,
    latency_ms           int         NULL,
    CONSTRAINT turns_answer_once UNIQUE (account_id, conversation_id, last_input_id),
    FOREIGN KEY (account_id, conversation_id) REFERENCES conversations (account_id, conversation_id)
);

-- What a turn decided to do, written before anything is done: a retried turn resumes the plan instead of asking
-- the model again, and an action already carried out is never repeated.
CREATE TABLE turn_actions (
    turn_id              bigint      NOT NULL REFERENCES turns (id),
    seq                  int         NOT NULL,
    kind                 text        NOT NULL,  -- message, note, labels, assign_team, assign_agent, status
    payload              jsonb       NOT NULL,
    state                text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'attempted', 'done', 'dropped')),
    chatwoot_message_id  bigint      NULL,
    attempted_at         timestamptz NULL,
    done_at              timestamptz NULL,
    PRIMARY KEY (turn_id, seq)
);
