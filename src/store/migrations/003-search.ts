/**
 * Migration 3: a full-text index over stored articles (title and body paragraphs; removed
 * boilerplate is never indexed), filled here for articles stored before it existed and kept
 * up to date by every commit and import. SQLite: a contentless FTS5 table (the text is not
 * stored twice; its rowid is the article's arrival number `seq`) with Unicode tokens and
 * diacritics folded. PostgreSQL: a `tsvector` per article, keyed by `seq` too ('simple' configuration: no
 * stemming, so both engines match the same words) under a GIN index, title weighted above body.
 */
import type { Migration } from "./index.js";

const SQLITE = `
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  title, text, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (rowid, title, text)
  SELECT seq, coalesce(json_extract(body, '$.title'), ''),
         coalesce((SELECT group_concat(value, char(10)) FROM json_each(body, '$.paragraphs')), '')
  FROM articles ORDER BY seq;
`;

const POSTGRES = `
CREATE TABLE IF NOT EXISTS search_text (
  seq INTEGER PRIMARY KEY,
  doc tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS search_text_doc ON search_text USING GIN (doc);
INSERT INTO search_text (seq, doc)
  SELECT seq,
         setweight(to_tsvector('simple', coalesce(body::jsonb->>'title', '')), 'A') ||
         setweight(to_tsvector('simple', coalesce(
           (SELECT string_agg(p, E'\\n') FROM jsonb_array_elements_text(body::jsonb->'paragraphs') AS p), '')), 'B')
  FROM articles
ON CONFLICT (seq) DO NOTHING;
`;

export const migration003: Migration = {
  version: 3,
  name: "full-text search over articles",
  sqlite: SQLITE,
  postgres: POSTGRES,
};
