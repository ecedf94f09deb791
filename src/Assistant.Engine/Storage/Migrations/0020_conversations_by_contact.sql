-- A contact's conversations, for the per-contact daily budget (Budget__ContactDailyTokens).
CREATE INDEX conversations_by_contact ON conversations (account_id, contact_id) WHERE contact_id IS NOT NULL;
