-- One search vocabulary for the suite (issue 11): the vector strategy that ran is 'exact' or
-- 'index' (was 'hnsw'), and a text-only search has none (was 'text'). rag_queries logs it.
--
-- The rows logged before are rewritten to the new words. FORCE ROW LEVEL SECURITY applies the
-- tenant policy to the owner too, so the owner lifts FORCE for the rewrite and restores it in the
-- same transaction (no other session sees the table without it).

SET LOCAL search_path = ${schema}, public;

ALTER TABLE rag_queries DROP CONSTRAINT rag_queries_strategy_check;
ALTER TABLE rag_queries ALTER COLUMN strategy DROP NOT NULL;

ALTER TABLE rag_queries NO FORCE ROW LEVEL SECURITY;
UPDATE rag_queries SET strategy = CASE strategy WHEN 'hnsw' THEN 'index' WHEN 'text' THEN NULL ELSE strategy END
 WHERE strategy IN ('hnsw', 'text');
ALTER TABLE rag_queries FORCE ROW LEVEL SECURITY;

ALTER TABLE rag_queries ADD CONSTRAINT rag_queries_strategy_check CHECK (strategy IN ('exact', 'index'));
ALTER TABLE rag_queries ADD CONSTRAINT rag_queries_strategy_mode_check CHECK ((strategy IS NULL) = (mode = 'text'));
