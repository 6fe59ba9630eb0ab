/**
 * What an engine must provide so the shared SQL store can run on it: queries with `?`
 * placeholders, transactions, and the engine's own locking and queue-claim statements.
 */
import type { Engine } from "./store.js";

export type Row = Record<string, unknown>;

/** One connection (or one transaction's connection). */
export interface SqlConn {
  /** Runs a query with `?` placeholders and returns its rows. */
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement with `?` placeholders and returns the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs several `;`-separated statements without parameters. */
  exec(sql: string): Promise<void>;
}

/** An engine: connections, transactions, and the statements that differ between engines. */
export interface SqlDriver extends SqlConn {
  readonly engine: Engine;
  readonly location: string;
  /** Runs fn in one write transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T>;
  /**
   * Serialises story assignment inside a transaction for articles sharing any of these bucket
   * keys (PostgreSQL: transaction-level advisory locks; SQLite: nothing, its write lock is global).
   */
  lockBuckets(conn: SqlConn, buckets: readonly number[]): Promise<void>;
  /** Serialises migrations between processes starting at once, inside a transaction. */
  lockMigrations(conn: SqlConn): Promise<void>;
  /** Selects the oldest queued job not held by another transaction, locking it. */
  readonly claimJobSql: string;
  /** Inserts search text: this head, then one `indexSearchRow` per article, comma-separated. */
  readonly indexSearchInsert: string;
  /** One article's row of `indexSearchInsert`: parameters (arrival number `seq`, title, body text). */
  readonly indexSearchRow: string;
  /**
   * Finds the stories whose articles match a query, best first: parameters (the engine's query
   * text from `matchText`, limit); rows `{ story_id }`.
   */
  readonly searchStoriesSql: string;
  /** The engine's query text for word-prefix tokens (letters and digits only, all required). */
  matchText(tokens: readonly string[]): string;
  /** Brings id sequences past imported ids (PostgreSQL needs it; SQLite does not). */
  resyncSequences(conn: SqlConn): Promise<void>;
  close(): Promise<void>;
}
