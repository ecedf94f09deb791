-- An event's transcript lines are recorded in the same round trip that reads and locks its conversation, before the
-- conversation's new state is written (ConversationChange): the first message of a new conversation references a row
-- its transaction inserts one statement later. The reference is checked at commit instead, where it still holds.
ALTER TABLE transcript_messages
    ALTER CONSTRAINT transcript_messages_account_id_conversation_id_fkey DEFERRABLE INITIALLY DEFERRED;
