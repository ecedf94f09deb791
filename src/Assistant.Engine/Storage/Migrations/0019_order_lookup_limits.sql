-- Order look-ups that found nothing the customer may read, and look-ups refused unread once a limit was passed:
-- counted per conversation and per contact over a window, so a restart or another instance does not reset the count
-- that stops a customer from trying order numbers one after another.
CREATE TABLE order_lookup_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    contact_id      bigint      NULL,
    kind            text        NOT NULL CHECK (kind IN ('miss', 'refused')),
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_lookup_events_conversation ON order_lookup_events (account_id, conversation_id, at);
CREATE INDEX order_lookup_events_contact ON order_lookup_events (account_id, contact_id, at) WHERE contact_id IS NOT NULL;
