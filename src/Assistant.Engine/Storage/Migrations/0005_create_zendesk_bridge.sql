-- The Zendesk bridge: which ticket mirrors which conversation, how far the transcript has been mirrored, and a
-- ledger of everything the bridge created on either side, which is how loops are prevented (never by tags).
CREATE TABLE zendesk_tickets (
    account_id        bigint      NOT NULL,
    conversation_id   bigint      NOT NULL,
    ticket_id         bigint      NOT NULL UNIQUE,
    requester_id      bigint      NOT NULL,
    mirrored_through  bigint      NOT NULL DEFAULT 0,  -- the last transcript line written to the ticket
    status_synced     text        NULL,                -- the ticket status the bridge last set or saw
    origin            text        NOT NULL DEFAULT 'chatwoot' CHECK (origin IN ('chatwoot', 'zendesk')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, conversation_id),
    FOREIGN KEY (account_id, conversation_id) REFERENCES conversations (account_id, conversation_id)
);

CREATE TABLE zendesk_ledger (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    direction            text        NOT NULL CHECK (direction IN ('to_zendesk', 'to_chatwoot')),
    ticket_id            bigint      NOT NULL,
    zendesk_comment_id   bigint      NULL UNIQUE,
    chatwoot_message_id  bigint      NULL,
    content_hash         text        NOT NULL,
    state                text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zendesk_ledger_chatwoot_message ON zendesk_ledger (chatwoot_message_id) WHERE chatwoot_message_id IS NOT NULL;
CREATE INDEX zendesk_ledger_pending ON zendesk_ledger (ticket_id, content_hash) WHERE state = 'pending';

-- Every ticket update the bridge made, to stay under Zendesk's 30 updates per ticket per 10 minutes.
CREATE TABLE zendesk_updates (
    ticket_id   bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zendesk_updates_recent ON zendesk_updates (ticket_id, updated_at);
