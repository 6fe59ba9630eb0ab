/**
 * The SQLite engine (the default): one embedded file through better-sqlite3, WAL journal,
 * one write transaction at a time (BEGIN IMMEDIATE), so story assignment needs no extra lock.
 */
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { fts5Match } from "../search.js";
import type { Row, SqlConn, SqlDriver } from "../sql-driver.js";
import { SqlStore } from "../sql-store.js";

/**
 * How long a writer waits for another process's write lock before failing (ms). Several
 * `crosscheck worker` processes on one SQLite file queue on this; 10 s outlasts any single
 * article's commit by orders of magnitude.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** better-sqlite3 binds Uint8Array as BLOB only when it is a Buffer; booleans as 0/1. */
function bind(params: readonly unknown[]): unknown[] {
  return params.map((p) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p)
      ? Buffer.from(p)
      : typeof p === "boolean"
        ? Number(p)
        : p === undefined
          ? null
          : p,
  );
}

/**
 * One transaction queue per database file in this process. Two connections to one file in one
 * process must not interleave: the second BEGIN IMMEDIATE would block the only thread while the
 * first transaction waits for it. Across processes, SQLite's lock and busy timeout serialise.
 */
const fileQueues = new Map<string, { queue: Promise<unknown> }>();

class SqliteDriver implements SqlDriver {
  readonly engine = "sqlite" as const;
  readonly claimJobSql =
    "SELECT id, input, payload FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1";
  readonly indexSearchInsert = "INSERT INTO search_fts (rowid, title, text) VALUES";
  readonly indexSearchRow = "(?, ?, ?)";
  // bm25() ranks within the MATCH query; a story ranks by its best article (lower is better),
  // then most recently grown, then id, so equal scores come back in a fixed order.
  // (MATERIALIZED keeps the planner from flattening bm25() out of its MATCH query.)
  readonly searchStoriesSql = `WITH m AS MATERIALIZED (
       SELECT rowid AS seq, bm25(search_fts, 4, 1) AS rank FROM search_fts WHERE search_fts MATCH ?)
     SELECT a.story_id, min(m.rank) AS best FROM m
     JOIN articles a ON a.seq = m.seq JOIN stories s ON s.id = a.story_id
     GROUP BY a.story_id, s.updated_seq ORDER BY best, s.updated_seq DESC, a.story_id LIMIT ?`;
  matchText = fts5Match;
  private readonly lane: { queue: Promise<unknown> };
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    const key = location === ":memory:" ? `:memory:${Math.random()}` : resolve(location);
    let lane = fileQueues.get(key);
    if (!lane) {
      lane = { queue: Promise.resolve() };
      fileQueues.set(key, lane);
    }
    this.lane = lane;
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.prepare(sql).all(...bind(params)) as T[];
  }
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.prepare(sql).run(...bind(params)).changes;
  }
  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  transaction<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T> {
    const run = async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this);
        this.db.exec("COMMIT");
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw err;
      }
    };
    const next = this.lane.queue.then(run, run);
    this.lane.queue = next.catch(() => undefined);
    return next;
  }

  async lockBuckets(): Promise<void> {
    // BEGIN IMMEDIATE already holds SQLite's single write lock.
  }
  async lockMigrations(): Promise<void> {}
  async resyncSequences(): Promise<void> {
    // AUTOINCREMENT keeps its counter in sqlite_sequence, which explicit inserts advance.
  }
  async close(): Promise<void> {
    await this.lane.queue;
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) a SQLite store at `path` and runs pending migrations. */
export async function openSqliteStore(path: string): Promise<SqlStore> {
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    db.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a commit survives a process crash (kill -9); only a power cut can
    // lose the last commits. FULL would fsync every article's commit.
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
  } catch (err) {
    throw new Error(`cannot open SQLite database ${path}: ${(err as Error).message}`);
  }
  const store = new SqlStore(new SqliteDriver(db, path));
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw new Error(`cannot use SQLite database ${path}: ${(err as Error).message}`);
  }
  return store;
}
