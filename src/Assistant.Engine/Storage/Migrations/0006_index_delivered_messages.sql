-- An uncertain delivery is confirmed only by a Chatwoot message no other step has already claimed: identical bot
-- messages (a fixed apology, a repeated answer) are common, and matching on content alone would mistake an earlier
-- answer for the lost one.
CREATE UNIQUE INDEX turn_actions_chatwoot_message_id ON turn_actions (chatwoot_message_id) WHERE chatwoot_message_id IS NOT NULL;
