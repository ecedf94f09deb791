-- Besides answering customer input, a turn may follow up on an answer the customer left unanswered, or resolve the
-- conversation after a silence: each once per answered input, whatever retries or instances do.
ALTER TABLE turns ADD COLUMN purpose text NOT NULL DEFAULT 'answer' CHECK (purpose IN ('answer', 'follow_up', 'resolve'));
ALTER TABLE turns DROP CONSTRAINT turns_answer_once;
ALTER TABLE turns ADD CONSTRAINT turns_answer_once UNIQUE (account_id, conversation_id, last_input_id, purpose);
