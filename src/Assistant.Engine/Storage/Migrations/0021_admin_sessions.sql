-- Sign-ins to /admin: a session ends when it expires, when its browser signs out, or when Admin__Token changes.
CREATE TABLE admin_sessions (
    id_hash     bytea       PRIMARY KEY,  -- SHA-256 of the cookie's random value; the value itself is never stored
    token_check bytea       NOT NULL,     -- an HMAC of the admin token it signed in with: a new token ends old sessions
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    ended_at    timestamptz NULL,
    remote      text        NULL          -- the client address at sign-in, for the audit trail
);
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
