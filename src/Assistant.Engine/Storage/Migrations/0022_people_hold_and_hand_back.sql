-- A person's public reply makes a conversation the people's even while Chatwoot leaves it pending (in an Agent Bot
-- inbox a reply opens nothing); the people give it back by setting it pending or with the hand-back label.
ALTER TABLE conversations
    ADD COLUMN held_by_people boolean     NOT NULL DEFAULT false,
    ADD COLUMN handed_back_at timestamptz NULL;
