-- Local state of every Chatwoot conversation the bot has heard of, keyed as in Chatwoot's REST paths.
CREATE TABLE conversations (
    account_id          bigint      NOT NULL,
    conversation_id     bigint      NOT NULL,  -- Chatwoot's display_id
    inbox_id            bigint      NULL,
    channel             text        NULL,      -- e.g. Channel::WebWidget
    status              text        NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
    assignee_id         bigint      NULL,
    assignee_type       text        NULL,      -- User or AgentBot
    team_id             bigint      NULL,
    ownership           text        NOT NULL DEFAULT 'bot'
                        CHECK (ownership IN ('bot', 'human', 'closed')),
    contact_id          bigint      NULL,
    contact_name        text        NULL,
    contact_email       text        NULL,
    contact_phone       text        NULL,
    contact_identifier  text        NULL,
    -- How the contact's identity is proven: hmac (widget identity validation), phone (WhatsApp/SMS sender),
    -- email (email sender); null when unverified.
    contact_verified_by text        NULL CHECK (contact_verified_by IN ('hmac', 'phone', 'email')),
    language            text        NULL,
    labels              text[]      NOT NULL DEFAULT '{}',
    can_reply           boolean     NOT NULL DEFAULT true,
    -- The human assignee a customer's message took the conversation back from when it reopened a resolved
    -- conversation: that assignee no longer makes it a human's, a newly assigned one does.
    reclaimed_assignee_id bigint    NULL,
    -- Chatwoot's conversation.updated_at (epoch seconds, fractional): deliveries arrive out of order,
    -- so an older snapshot never overwrites a newer one.
    source_updated_at   double precision NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, conversation_id)
);

-- The transcript: the bot token cannot list messages, so history is what the webhooks told us.
CREATE TABLE transcript_messages (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id          bigint      NOT NULL,
    conversation_id     bigint      NOT NULL,
    message_id          bigint      NOT NULL,  -- Chatwoot's global message id
    kind                text        NOT NULL CHECK (kind IN ('message', 'submission')),
    role                text        NOT NULL
                        CHECK (role IN ('customer', 'bot', 'agent', 'note', 'template')),
    content             text        NULL,
    content_type        text        NOT NULL DEFAULT 'text',
    content_attributes  jsonb       NOT NULL DEFAULT '{}',
    sender_id           bigint      NULL,
    in_reply_to         bigint      NULL,
    sent_at             timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT transcript_messages_unique UNIQUE (account_id, message_id, kind),
    FOREIGN KEY (account_id, conversation_id) REFERENCES conversations (account_id, conversation_id)
);

CREATE INDEX transcript_messages_by_conversation
    ON transcript_messages (account_id, conversation_id, sent_at, id);
