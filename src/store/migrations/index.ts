/**
 * The numbered schema migrations both engines run, in order. Each is applied once, inside a
 * transaction, and recorded in schema_migrations; running them again does nothing.
 */
import { migration001 } from "./001-initial.js";
import { migration002 } from "./002-merges-and-state.js";
import { migration003 } from "./003-search.js";
import { migration004 } from "./004-search-fold.js";

/** One schema change, written once per engine dialect. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
  /**
   * After the SQL, the store indexes every stored article for search again, in the same
   * transaction (for a change of the indexed text that SQL alone cannot make).
   */
  reindexSearch?: boolean;
}

/** All migrations, ascending by version. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
];

/** The table that records applied migrations (same on both engines). */
export const SCHEMA_MIGRATIONS_DDL =
  "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
