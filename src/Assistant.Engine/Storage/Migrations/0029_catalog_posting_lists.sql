-- The product search reads each matched word's products as one value, its posting list, instead of a row per product
-- (issue 31): a word in most of a large catalog's names ("size") is one row to read, and the search scores in memory
-- by merging the lists. A refresh's batch records, in its own transaction, the words each product gained or lost as
-- pending changes; the refresh applies them once its batches are written, so a rename rewrites the lists of the
-- words that changed only, and an interrupted refresh leaves its changes for the next. The row per product and word
-- that the lists replace is dropped: 4.4 million rows, 419 MB at 100,000 products.
-- A list is the product ids, ascending and distinct, each as 8 bytes big-endian (int8send): PostgreSQL sends it as it
-- is stored, where an array would be sent and decoded element by element (4 times slower at 100,000 products).
CREATE TABLE catalog_postings (
    word      text COLLATE "C" PRIMARY KEY,
    products  bytea NOT NULL           -- never empty
);

-- A list's ids, for the refresh's set operations.
CREATE FUNCTION catalog_posting_ids(list bytea) RETURNS SETOF bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ('x' || encode(substring(list FROM i * 8 + 1 FOR 8), 'hex'))::bit(64)::bigint
    FROM generate_series(0, length(list) / 8 - 1) AS i
$$;

CREATE TABLE catalog_posting_changes (
    word        text COLLATE "C" NOT NULL,
    product_id  bigint NOT NULL,
    present     boolean NOT NULL,      -- the product now has the word (true) or no longer has it
    PRIMARY KEY (word, product_id)
);

INSERT INTO catalog_postings (word, products)
SELECT word, string_agg(int8send(product_id), ''::bytea ORDER BY product_id) FROM catalog_words GROUP BY word;

DROP TABLE catalog_words;

-- A refresh that rewrites much of the catalog (the first build, an import, a migration's rewrite) rebuilds every list
-- from the entries instead of recording each product's changes (8 s against 80 s at 100,000 products): marked here
-- before its first batch and cleared with the rebuild, so an interrupted one is finished by the next refresh.
CREATE TABLE catalog_postings_rebuild (
    pending    boolean PRIMARY KEY DEFAULT true CHECK (pending),
    marked_at  timestamptz NOT NULL DEFAULT now()
);
