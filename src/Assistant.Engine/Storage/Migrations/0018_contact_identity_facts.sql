-- Identity is decided at each turn from facts Chatwoot cannot be talked into changing (reference/chatwoot.md §6):
-- the address the channel received the messages from, Chatwoot's identity-validation flag (trusted only where the
-- operator says and the inbox enforces it), and a token the store's own site signed. A stored verdict is not kept:
-- it would outlive the rule that made it.
ALTER TABLE conversations
    ADD COLUMN contact_source_id text    NULL,
    ADD COLUMN hmac_verified     boolean NOT NULL DEFAULT false,
    ADD COLUMN store_identity    text    NULL;

UPDATE conversations SET hmac_verified = true WHERE contact_verified_by = 'hmac';

ALTER TABLE conversations DROP COLUMN contact_verified_by;
