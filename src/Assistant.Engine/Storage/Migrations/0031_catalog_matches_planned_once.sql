-- The product search's vocabulary match (CatalogRanking) as a function whose plan is made once per connection. As a
-- statement, PostgreSQL planned it anew on every search: a prepared statement keeps a custom plan while the custom
-- plans' estimated cost is below the generic plan's, and here it always is (the custom plan counts the query's words,
-- the generic one assumes ten), so each search spent 1.1-2.4 ms planning a 0.1-0.8 ms look-up. The generic plan is the
-- same nested look-ups, one per word and rule.
--
-- Each query word's vocabulary words, scored in tenths by the best rule they meet, and each Chinese run; with the
-- products having each. U+10FFFF ends the range of words that start with a query word: in byte order ("C"), nothing
-- longer sorts past it. Typos are forgiven in words without digits that the catalog does not have: a word it has is
-- taken as written ("chay" is not "chat", nor "size" "silk").
CREATE FUNCTION catalog_matches(words text[], runs text[]) RETURNS TABLE (term text, score int, products bytea)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH query_words AS (
        SELECT w COLLATE "C" AS w,
               w !~ '[0-9]' AND NOT EXISTS (SELECT 1 FROM catalog_vocabulary v WHERE v.word = w COLLATE "C") AS fuzzy
        FROM unnest(words) AS w),
    reached AS (
        SELECT q.w AS qw, v.word FROM query_words q CROSS JOIN LATERAL (
            SELECT word FROM catalog_vocabulary WHERE word = q.w
            UNION SELECT word FROM catalog_vocabulary
                WHERE length(q.w) >= 3 AND word > q.w AND word < q.w || U&'\+10FFFF'
            UNION SELECT word FROM catalog_vocabulary
                WHERE q.fuzzy AND length(q.w) >= 4 AND word !~ '[0-9]'
                  AND left(word, 1) = left(q.w, 1) AND length(word) BETWEEN length(q.w) - 2 AND length(q.w) + 2
            UNION SELECT word FROM catalog_vocabulary
                WHERE q.fuzzy AND length(q.w) >= 4 AND word !~ '[0-9]' AND substr(word, 2) IN (q.w, substr(q.w, 2))
            UNION SELECT word FROM catalog_vocabulary
                WHERE q.fuzzy AND length(q.w) >= 4 AND word = substr(q.w, 2)
            UNION SELECT word FROM catalog_vocabulary
                WHERE q.fuzzy AND length(q.w) >= 5 AND word !~ '[0-9]' AND word % q.w) v),
    scored AS (
        SELECT qw, word, CASE
            WHEN word = qw THEN 10
            WHEN length(qw) >= 3 AND starts_with(word, qw) THEN 9
            WHEN length(qw) >= 4 AND levenshtein(qw, word) <= 1 THEN 8
            WHEN length(qw) >= 4 AND left(qw, 1) = left(word, 1) AND levenshtein(qw, word) <= 2 THEN 6
            WHEN length(qw) >= 5 AND similarity(qw, word) >= 0.45 THEN 6
            ELSE 0 END AS score
        FROM reached),
    matched AS (
        SELECT qw AS term, word, score FROM scored WHERE score > 0
        UNION SELECT r, r, 5 FROM unnest(runs) AS r)
    -- A look-up per matched word: the planner, expecting many more words than a query matches, would otherwise read
    -- the whole list table beside them.
    SELECT term, score, products FROM (
        SELECT m.term, m.score, (SELECT p.products FROM catalog_postings p WHERE p.word = m.word) AS products FROM matched m) l
    WHERE products IS NOT NULL;
END
$$;
