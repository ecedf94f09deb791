-- The help articles' words index takes each change in place instead of in a pending list: articles change seldom and
-- a few at a time, while a pending list (up to 4 MB, merged only by a vacuum) makes the planner price a word look-up
-- over every passage (measured: after loading 200 articles, 317 pending pages, every search scanning all 2,076
-- passages, 12 ms against 2).
ALTER INDEX knowledge_passages_words SET (fastupdate = off);
SELECT gin_clean_pending_list('knowledge_passages_words');
