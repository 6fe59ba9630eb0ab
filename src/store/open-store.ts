/**
 * Opens the store a command names: `--db PATH|URL`, else $CROSSCHECK_DB, else ./crosscheck.db.
 * postgres:// and postgresql:// URLs open PostgreSQL; anything else is a SQLite file path.
 */
import { openPostgresStore } from "./postgres/postgres-store.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

/** The SQLite file used when neither --db nor CROSSCHECK_DB names a store. */
export const DEFAULT_DB_PATH = "./crosscheck.db";

/** The store location to use, in order of precedence. */
export function resolveDbSpec(
  option: string | undefined,
  env: Record<string, string | undefined>,
): string {
  return option || env.CROSSCHECK_DB || DEFAULT_DB_PATH;
}

/** True when the spec names a PostgreSQL database. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Opens and migrates the store; throws an Error whose message names the location. */
export function openStore(spec: string): Promise<Store> {
  return isPostgresUrl(spec) ? openPostgresStore(spec) : openSqliteStore(spec);
}
