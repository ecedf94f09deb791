-- Help articles (design: "Products and help articles"), indexed by the assistant in its own tables: loaded from the
-- markdown files under Knowledge__Path (source 'file:<relative path>') and re-loaded when they change. A passage
-- keeps its folded words (lower case, no accents) for the search; Chinese is searched in its folded text.
CREATE TABLE knowledge_articles (
    id            bigserial   PRIMARY KEY,
    source        text        NOT NULL UNIQUE,
    locale        text        NOT NULL,
    title         text        NOT NULL,
    url           text        NULL,
    tags          text[]      NOT NULL DEFAULT '{}',
    content_hash  text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE knowledge_passages (
    article_id  bigint NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
    seq         int    NOT NULL,
    heading     text   NULL,
    text        text   NOT NULL,
    folded      text   NOT NULL,
    words       text[] NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE INDEX knowledge_passages_words ON knowledge_passages USING gin (words);
