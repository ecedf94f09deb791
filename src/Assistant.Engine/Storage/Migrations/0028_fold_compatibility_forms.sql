-- Search words now fold compatibility forms (full-width letters and digits, ligatures, superscripts) to the plain
-- characters they stand for (SearchTerms.Fold). The catalog's and the help articles' words are marked to be
-- rewritten: the catalog's next refresh and the next start's article load rewrite them, and searches answer from the
-- words as they are until then.
UPDATE catalog_entries SET words_hash = '';
UPDATE knowledge_articles SET content_hash = '';
