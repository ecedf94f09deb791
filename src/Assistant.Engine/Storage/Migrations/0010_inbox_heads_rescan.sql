-- Finishing a head used to find the key's next event by scanning the key's index entries from its start; the entries
-- of finished events stay in the index until vacuum, so in a deep queue each advance stepped over all that had run
-- (3.6 ms an event at 10,000 deep, bench/README.md). The advance now looks only after the finished event. An earlier
-- event can still become pending while a head runs (stored at the same time but committed later, or a replayed dead
-- letter): it marks the head, and that head's advance looks from the start of the key once.
ALTER TABLE inbox_heads ADD COLUMN rescan boolean NOT NULL DEFAULT false;
