-- Files sent with a message, as "name: address" lines: the Zendesk mirror links them; the model never sees addresses.
ALTER TABLE transcript_messages ADD COLUMN attachment_links text[] NOT NULL DEFAULT '{}';
