-- The durable inbox: every accepted webhook is a row before it is acknowledged.
-- ordering_key groups the events that must be processed one at a time, in arrival (id) order.
CREATE TABLE inbox_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source           text        NOT NULL,
    delivery_key     text        NOT NULL,
    event_name       text        NOT NULL,
    ordering_key     text        NOT NULL,
    payload          jsonb       NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    state            text        NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'processing', 'done', 'dead')),
    attempts         int         NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    locked_by        text        NULL,
    locked_until     timestamptz NULL,
    last_error       text        NULL,
    finished_at      timestamptz NULL,
    CONSTRAINT inbox_events_delivery_unique UNIQUE (source, delivery_key)
);

-- The claim query looks for the oldest unfinished event of each ordering key.
CREATE INDEX inbox_events_unfinished ON inbox_events (ordering_key, id)
    WHERE state IN ('pending', 'processing');

-- The claim scans runnable events oldest first; done events (the vast majority) stay out of this index.
CREATE INDEX inbox_events_runnable ON inbox_events (id) WHERE state IN ('pending', 'processing');

CREATE INDEX inbox_events_dead ON inbox_events (finished_at) WHERE state = 'dead';
CREATE INDEX inbox_events_done ON inbox_events (finished_at) WHERE state = 'done';
