/**
 * Migration 1: the initial schema. Raw inputs (gzip-compressed payload), articles (full JSON
 * with removed lines and diagnostics), fingerprints and their LSH bucket rows, analyses,
 * stories, copy families, cached briefs, and the job queue.
 */
import type { Migration } from "./index.js";

/** Tables in the dialect-neutral part of SQL; `%SERIAL%`, `%BLOB%`, `%NOROWID%` differ per engine. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS inputs (
  seq %SERIAL%,
  input_hash TEXT NOT NULL UNIQUE,
  article_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  meta TEXT,
  payload_kind TEXT NOT NULL,
  payload %BLOB% NOT NULL,
  received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
  seq %SERIAL%,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  input_hash TEXT NOT NULL,
  url TEXT,
  version INTEGER NOT NULL,
  title TEXT,
  outlet TEXT,
  published TEXT,
  language TEXT,
  story_id TEXT NOT NULL,
  family_id TEXT NOT NULL,
  relation TEXT NOT NULL,
  body TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id, seq);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE INDEX IF NOT EXISTS articles_content ON articles (content_hash);
CREATE TABLE IF NOT EXISTS fingerprints (
  article_id TEXT PRIMARY KEY,
  data TEXT NOT NULL
)%NOROWID%;
CREATE TABLE IF NOT EXISTS lsh_buckets (
  bucket BIGINT NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (bucket, article_id)
)%NOROWID%;
CREATE TABLE IF NOT EXISTS analyses (
  article_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (article_id, kind)
)%NOROWID%;
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY,
  title TEXT,
  size INTEGER NOT NULL,
  family_count INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_updated ON stories (updated_seq);
CREATE TABLE IF NOT EXISTS families (
  id TEXT PRIMARY KEY,
  story_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefs (
  story_id TEXT NOT NULL,
  format TEXT NOT NULL,
  revision INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (story_id, format)
);
CREATE TABLE IF NOT EXISTS jobs (
  id %SERIAL%,
  input TEXT NOT NULL,
  payload %BLOB%,
  status TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, id);
`;

export const migration001: Migration = {
  version: 1,
  name: "initial schema",
  sqlite: SCHEMA.replace(/%SERIAL%/g, "INTEGER PRIMARY KEY AUTOINCREMENT")
    .replace(/%BLOB%/g, "BLOB")
    .replace(/%NOROWID%/g, " WITHOUT ROWID"),
  postgres: SCHEMA.replace(/%SERIAL%/g, "SERIAL PRIMARY KEY")
    .replace(/%BLOB%/g, "BYTEA")
    .replace(/%NOROWID%/g, ""),
};
