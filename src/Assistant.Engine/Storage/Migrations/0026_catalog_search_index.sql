-- The product search's index (design: "Products and help articles"): the assistant keeps the catalog's words in its own
-- tables, like the help articles', so a search looks words up instead of comparing every product's words with the
-- customer's. Read from the shop tables or views on ConnectionStrings__Orders and refreshed when they change
-- (Catalog__RefreshEvery); a product's price and stock are read again from the store when it is shown.
CREATE TABLE catalog_entries (
    product_id  bigint  PRIMARY KEY,
    words_hash  text    NOT NULL,          -- md5 of the product's searched text: its words are rewritten when it changes
    words       text[]  NOT NULL,          -- folded words, and '~' + each Chinese two-character run
    category    text    NULL,
    price       numeric NOT NULL,
    stock       int     NULL
);

-- Which products have a word: a search reads only the rows of the words it matched.
CREATE TABLE catalog_words (
    word        text COLLATE "C" NOT NULL,
    product_id  bigint NOT NULL,
    PRIMARY KEY (word, product_id)
);

-- Every distinct word once, indexed for each way a customer's word may match one: equal or a prefix (the primary
-- key, in byte order), one or two typos (first letter and length; the word without its first letter, for a typo
-- there), trigram-similar (pg_trgm). Typos are forgiven in words without digits only: SKUs, model numbers and sizes
-- one digit apart are other products, and they are most of a large catalog's words.
CREATE TABLE catalog_vocabulary (
    word      text COLLATE "C" PRIMARY KEY,
    products  int NOT NULL            -- how many products have it: a search prunes the common ones first
);
CREATE INDEX catalog_vocabulary_shape ON catalog_vocabulary (left(word, 1), length(word)) WHERE word !~ '[0-9]';
CREATE INDEX catalog_vocabulary_tail ON catalog_vocabulary (substr(word, 2)) WHERE word !~ '[0-9]';
CREATE INDEX catalog_vocabulary_trigrams ON catalog_vocabulary USING gin (word gin_trgm_ops) WHERE word !~ '[0-9]';
