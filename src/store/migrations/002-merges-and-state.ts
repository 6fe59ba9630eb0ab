/**
 * Migration 2: story merges (so an old story id still finds its story) and saved pipeline
 * state (a stateful clusterer's snapshot and the arrival number it covers).
 */
import type { Migration } from "./index.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS story_merges (
  from_id TEXT PRIMARY KEY,
  into_id TEXT NOT NULL,
  merged_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pipeline_state (
  key TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

export const migration002: Migration = {
  version: 2,
  name: "story merges and pipeline state",
  sqlite: SCHEMA,
  postgres: SCHEMA,
};
