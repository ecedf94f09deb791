-- Help-article search looks its words up too (as the catalog's does, 0026): a passage's words gain its Chinese
-- two-character runs, marked '~', so that a Chinese question is matched by the words index instead of reading each
-- passage's text, and a word's other forms ("return" for "returns") are found in the vocabulary by prefix. The
-- articles are rewritten with the new words when the service next starts.
CREATE TABLE knowledge_vocabulary (
    word  text COLLATE "C" PRIMARY KEY
);

ALTER TABLE knowledge_passages DROP COLUMN folded;
UPDATE knowledge_articles SET content_hash = '';
