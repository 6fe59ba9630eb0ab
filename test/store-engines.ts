/**
 * The engines the store conformance suite runs on, each able to open a fresh, empty store.
 * PostgreSQL: a new database crosscheck_test_<random> per test run on 127.0.0.1:5432 (or
 * $CROSSCHECK_TEST_PG, a server URL), one schema per store, dropped afterwards. Without a reachable server its tests
 * skip with a message; under CI=true a missing PostgreSQL is a failure.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { Engine, Store } from "../src/store/store.js";

/** Server URL (any database) used to create and drop the test databases. */
export const PG_ADMIN_URL =
  process.env.CROSSCHECK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

export interface EngineCase {
  engine: Engine;
  /** A skip message when the engine is unavailable here, else false. */
  skip: string | false;
  /** Opens a fresh empty store and returns a URL/path others can open too. */
  fresh(): Promise<{ store: Store; spec: string }>;
  /** Drops everything fresh() created. */
  cleanup(): Promise<void>;
}

async function probePostgres(): Promise<string | false> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return false;
  } catch (err) {
    const message =
      `PostgreSQL tests need a server at ${PG_ADMIN_URL} (set CROSSCHECK_TEST_PG to use another; ` +
      `start the local one with pg_ctlcluster): ${(err as Error).message}`;
    if (process.env.CI === "true") throw new Error(`CI: ${message}`);
    return message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function sqliteCase(): EngineCase {
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-store-"));
  let n = 0;
  const open: Store[] = [];
  return {
    engine: "sqlite",
    skip: false,
    async fresh() {
      const spec = join(dir, `store-${++n}.db`);
      const store = await openSqliteStore(spec);
      open.push(store);
      return { store, spec };
    },
    async cleanup() {
      for (const s of open) await s.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL URL for a database name on the admin URL's server. */
export function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh database and returns its name. */
export async function createPgDatabase(): Promise<string> {
  const name = `crosscheck_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

/** Drops a database, closing any connections still open on it. */
export async function dropPgDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * One fresh database per test run; each fresh() store gets its own schema in it (selected by
 * the URL's search_path option), which is much faster than a database per test.
 */
function postgresCase(skip: string | false): EngineCase {
  let database: string | null = null;
  let n = 0;
  const open: Store[] = [];
  return {
    engine: "postgres",
    skip,
    async fresh() {
      database ??= await createPgDatabase();
      const schema = `store_${++n}`;
      const admin = new pg.Client({ connectionString: pgUrl(database) });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await admin.end();
      }
      const spec = `${pgUrl(database)}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const store = await openPostgresStore(spec);
      open.push(store);
      return { store, spec };
    },
    async cleanup() {
      for (const s of open) await s.close().catch(() => undefined);
      if (database) await dropPgDatabase(database);
    },
  };
}

/** Both engines, PostgreSQL marked skipped (with the reason) when no server answers. */
export async function storeEngines(): Promise<EngineCase[]> {
  return [sqliteCase(), postgresCase(await probePostgres())];
}

/** Runs `;`-separated SQL on a store's database directly (to set up states older code left). */
export async function rawSql(engine: Engine, spec: string, sql: string): Promise<void> {
  if (engine === "sqlite") {
    const db = new Database(spec);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: spec });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs one query on a store's database directly and returns its rows. */
export async function rawRows(
  engine: Engine,
  spec: string,
  sql: string,
): Promise<Record<string, unknown>[]> {
  if (engine === "sqlite") {
    const db = new Database(spec, { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: spec });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
