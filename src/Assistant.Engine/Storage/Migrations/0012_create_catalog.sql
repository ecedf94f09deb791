-- The catalog contract (design: "Products and help articles"): read-only for the assistant like the order tables;
-- created empty here, filled by `assistant seed-demo` or by the store's own sync. A store that keeps its catalog
-- elsewhere points ConnectionStrings__Orders at a database with tables or views of these names and columns, where
-- the three extensions below must be installed too: the product search folds accents (unaccent: "ao mua" finds
-- "áo mưa") and forgives typos (fuzzystrmatch's edit distance: "rian jaket" finds "rain jacket"; pg_trgm's
-- similarity for longer words). All three are trusted extensions: the database's owner may create them without
-- superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE IF NOT EXISTS shop.products (
    id           bigint PRIMARY KEY,
    sku          text UNIQUE NOT NULL,
    name         text NOT NULL,
    description  text NULL,
    category     text NULL,
    price        numeric NOT NULL,
    currency     text NOT NULL,
    stock        int NULL,              -- null: not tracked
    image_url    text NULL,
    url          text NULL,
    active       boolean NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS shop.product_translations (
    product_id   bigint NOT NULL REFERENCES shop.products (id),
    locale       text NOT NULL,         -- zh-CN, vi, ...
    name         text NOT NULL,
    description  text NULL,
    PRIMARY KEY (product_id, locale)
);
