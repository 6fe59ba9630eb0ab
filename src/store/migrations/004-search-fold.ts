/**
 * Migration 4: the search index holds folded text (`foldForSearch` in ../search.ts: accents
 * removed, lower case, compatibility forms), the same on both engines, so "Zurich" finds
 * "Zürich" on PostgreSQL too. The index is emptied here and refilled from the stored articles
 * by the store in the same transaction (`reindexSearch`), since the fold is done in TypeScript.
 */
import type { Migration } from "./index.js";

export const migration004: Migration = {
  version: 4,
  name: "search index over accent-folded text",
  // A contentless FTS5 table is emptied with its 'delete-all' command.
  sqlite: "INSERT INTO search_fts (search_fts) VALUES ('delete-all')",
  postgres: "DELETE FROM search_text",
  reindexSearch: true,
};
