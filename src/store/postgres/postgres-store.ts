/**
 * The PostgreSQL engine, for shared deployments and many workers: a pg connection pool,
 * transaction-level advisory locks on an article's LSH buckets to serialise story assignment
 * among articles that could see each other, and a job queue claimed with FOR UPDATE SKIP LOCKED.
 */
import pg from "pg";
import { tsQuery } from "../search.js";
import type { Row, SqlConn, SqlDriver } from "../sql-driver.js";
import { SqlStore } from "../sql-store.js";

/** Connections per process. A worker uses one at a time; 4 leaves room for reads alongside. */
export const PG_POOL_SIZE = 4;

/**
 * Attempts of one transaction before giving up. Retried: deadlock (40P01) between two
 * articles' bucket locks, serialisation failure (40001), and a unique violation (23505) when
 * two workers picked the same new article id at once; the retry sees the other's commit.
 */
export const PG_TRANSACTION_ATTEMPTS = 5;

/**
 * synchronous_commit for this store's connections. "off" does not wait for the WAL flush at each
 * article's commit (PostgreSQL's equivalent of SQLite's synchronous=NORMAL): a server crash can
 * roll back the last fraction of a second of commits, atomically, never half of one. Ingest is
 * idempotent, so a rerun (or the still-queued job, whose deletion rolled back with its article)
 * redoes them. Measured ×(see bench/results/store.md) faster than "on" on this machine.
 */
export const PG_SYNCHRONOUS_COMMIT = "off";

/** Advisory lock key that serialises migrations between processes starting together. */
const MIGRATION_LOCK_KEY = 0x63726f73; // "cros"

const RETRYABLE = new Set(["40P01", "40001", "23505"]);

/** Rewrites `?` placeholders as $1, $2, … (our SQL never has a literal `?`). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class PgConn implements SqlConn {
  constructor(private readonly client: pg.PoolClient | pg.Pool) {}
  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.client.query(numbered(sql), params as unknown[])).rows as T[];
  }
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.client.query(numbered(sql), params as unknown[])).rowCount ?? 0;
  }
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
}

class PostgresDriver extends PgConn implements SqlDriver {
  readonly engine = "postgres" as const;
  readonly claimJobSql =
    "SELECT id, input, payload FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";
  readonly indexSearchInsert = "INSERT INTO search_text (seq, doc) VALUES";
  readonly indexSearchRow =
    "(?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'))";
  // A story ranks by its best article (higher ts_rank is better), then most recently grown,
  // then id, so equal scores come back in a fixed order.
  readonly searchStoriesSql = `SELECT a.story_id, max(ts_rank(t.doc, q.query)) AS best
     FROM (SELECT to_tsquery('simple', ?) AS query) q
     JOIN search_text t ON t.doc @@ q.query
     JOIN articles a ON a.seq = t.seq JOIN stories s ON s.id = a.story_id
     GROUP BY a.story_id, s.updated_seq ORDER BY best DESC, s.updated_seq DESC, a.story_id LIMIT ?`;
  matchText = tsQuery;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {
    super(pool);
  }

  async transaction<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(new PgConn(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (attempt >= PG_TRANSACTION_ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
      } finally {
        client.release();
      }
    }
  }

  async lockBuckets(conn: SqlConn, buckets: readonly number[]): Promise<void> {
    if (buckets.length === 0) return;
    // Sorted order keeps two articles from taking shared keys in opposite orders; a deadlock
    // that still happens is detected by PostgreSQL and retried by transaction().
    await conn.all(
      "SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest(?::bigint[]) AS k ORDER BY 1) s",
      [[...buckets].sort((a, b) => a - b).map(String)],
    );
  }

  async lockMigrations(conn: SqlConn): Promise<void> {
    await conn.all("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK_KEY]);
  }

  async resyncSequences(conn: SqlConn): Promise<void> {
    for (const table of ["inputs", "articles"]) {
      await conn.all(
        `SELECT setval(pg_get_serial_sequence('${table}', 'seq'), COALESCE((SELECT MAX(seq) FROM ${table}), 0) + 1, false)`,
      );
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A connection URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

/** Connects to a PostgreSQL store at `url` and runs pending migrations. */
export async function openPostgresStore(url: string): Promise<SqlStore> {
  const location = redactUrl(url);
  // Session settings ride on the startup packet, after any the URL's own `options` asks for.
  let options = `-c synchronous_commit=${PG_SYNCHRONOUS_COMMIT}`;
  try {
    const own = new URL(url).searchParams.get("options");
    if (own) options = `${own} ${options}`;
  } catch {
    // Not a parseable URL: pg reports the problem when connecting.
  }
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE, options });
  // An idle client's error (server restart) must not crash the process.
  pool.on("error", () => undefined);
  const store = new SqlStore(new PostgresDriver(pool, location));
  try {
    await store.migrate();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot use PostgreSQL database ${location}: ${(err as Error).message}`);
  }
  return store;
}
