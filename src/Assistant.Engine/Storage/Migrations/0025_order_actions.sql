-- Order actions the assistant prepared (cancel, return request, shipping-address change): one row per proposal, the
-- time of each step, and how it ended. The id is the idempotency key the store write carries, so a retried turn or a
-- second click finds the row already past the step and never writes twice.
CREATE TABLE order_actions (
    id              uuid        PRIMARY KEY,
    account_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('cancel', 'return', 'change_address')),
    order_number    text        NOT NULL,
    customer_id     bigint      NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}',
    mode            text        NOT NULL CHECK (mode IN ('off', 'approval', 'auto')),
    state           text        NOT NULL CHECK (state IN ('awaiting_confirmation', 'awaiting_approval', 'executing', 'executed',
                                                          'declined', 'abandoned', 'expired', 'rejected', 'refused', 'failed', 'superseded')),
    reason          text        NULL,
    store_status    text        NULL,
    proposed_at     timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    confirmed_at    timestamptz NULL,
    approved_at     timestamptz NULL,
    executed_at     timestamptz NULL,
    read_back_at    timestamptz NULL,
    ended_at        timestamptz NULL
);
CREATE INDEX order_actions_conversation ON order_actions (account_id, conversation_id, proposed_at DESC);
CREATE INDEX order_actions_proposed ON order_actions (proposed_at);

-- A person's decision on an action waiting for approval runs as a turn of its own, once per confirmation.
ALTER TABLE turns DROP CONSTRAINT turns_purpose_check;
ALTER TABLE turns ADD CONSTRAINT turns_purpose_check CHECK (purpose IN ('answer', 'follow_up', 'resolve', 'approve', 'reject'));

-- What the assistant asks of a store that runs on its own database: the store's system processes each request and
-- sets its status, which the assistant reads back. The id is the assistant's idempotency key.
CREATE TABLE shop.order_requests (
    id           uuid        PRIMARY KEY,
    order_number text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('cancel', 'return', 'change_address')),
    payload      jsonb       NOT NULL DEFAULT '{}',
    status       text        NOT NULL DEFAULT 'requested',
    requested_at timestamptz NOT NULL DEFAULT now(),
    conversation text        NULL
);
CREATE INDEX order_requests_open ON shop.order_requests (status, requested_at);
