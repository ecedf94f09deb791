-- Who each handoff went to: the sticky agent of a returning customer, and an assignment Chatwoot refused, to retry.
CREATE TABLE handoff_assignments (
    account_id      bigint      NOT NULL,
    conversation_id bigint      NOT NULL,
    contact_id      bigint      NULL,
    team_id         bigint      NULL,
    agent_id        bigint      NOT NULL,
    state           text        NOT NULL CHECK (state IN ('planned', 'assigned', 'failed', 'given_up')),
    attempts        int         NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, conversation_id)
);
CREATE INDEX handoff_assignments_contact ON handoff_assignments (account_id, contact_id, updated_at DESC) WHERE state = 'assigned';
CREATE INDEX handoff_assignments_failed ON handoff_assignments (account_id, conversation_id) WHERE state = 'failed';

-- Round-robin: the agent each team's last handoff went to.
CREATE TABLE handoff_rotation (
    account_id    bigint NOT NULL,
    team_id       bigint NOT NULL,
    last_agent_id bigint NOT NULL,
    PRIMARY KEY (account_id, team_id)
);
