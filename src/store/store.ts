/**
 * The whole storage boundary in one file: the `Store` interface every engine implements
 * (SQLite embedded by default, PostgreSQL for shared deployments) and the plain records it
 * speaks. Engines live in store/sqlite/ and store/postgres/; one conformance suite tests both.
 */
import type { Article, Derivation, Family, InputError, RawInput, Story } from "../model.js";

/** Which engine a store runs on. */
export type Engine = "sqlite" | "postgres";

/**
 * An article's fingerprint as the pipeline computed it: an opaque JSON-safe value that only the
 * pipeline reads back, and the LSH bucket keys (integers below 2^52) under which it is indexed.
 */
export interface Fingerprint {
  data: unknown;
  buckets: number[];
  /**
   * Keys locked around assign+commit; default: the buckets. A clusterer with global state
   * (one in-memory index for all stories) returns [GLOBAL_LOCK_KEY] and no buckets.
   */
  lockKeys?: number[];
}

/** The lock key that serialises every assignment (for clusterers with global state). */
export const GLOBAL_LOCK_KEY = 0x6363676c6f62; // "ccglob": unlikely to meet another application's key

/** A stored article as replayed to a stateful clusterer: arrival number, article, story. */
export interface LoggedArticle {
  seq: number;
  article: Article;
  storyId: string;
}

/** A stored article that shares at least one LSH bucket with a new one. */
export interface Candidate {
  articleId: string;
  storyId: string;
  familyId: string;
  relation: Derivation;
  /** The candidate's own fingerprint data, as the pipeline stored it. */
  fingerprint: unknown;
  /** Number of buckets shared with the new article. */
  shared: number;
  /** Arrival order in the store (1-based, increasing). */
  seq: number;
}

/** What the assignment step sees: the new article's fingerprint and its stored neighbours. */
export interface AssignContext {
  fingerprint: Fingerprint;
  candidates: Candidate[];
  /**
   * When the prepared article set `logSince`: every article committed after that arrival
   * number (by other writers, or before a restart), in arrival order, read under the lock.
   */
  log: LoggedArticle[];
}

/** Where a new article goes. `null` story or family: it starts a new one, named by the article. */
export interface Assignment {
  story: string | null;
  family: string | null;
  relation: Derivation;
  /**
   * Stories found to be one: each `from` is folded into `into` (its articles and families move,
   * `from` is deleted and later look-ups of it are redirected). Applied before the article is.
   */
  merges?: { from: string; into: string }[];
  /**
   * Stored members of the assigned family whose relation changes (the new article is the
   * family's true first report: the old original becomes a copy or rewrite). Applied in the
   * same transaction; each must be a candidate in that family.
   */
  relabel?: { articleId: string; relation: Derivation }[];
}

/** Decides an article's story and family; runs inside the store's assignment lock. */
export type AssignFn = (article: Article, ctx: AssignContext) => Assignment;

/** An input ready to be committed: the raw input, its hash, the article and its fingerprint. */
export interface PreparedArticle {
  kind: "article";
  input: RawInput;
  /** Hex SHA-256 of the raw input (payload and supplied metadata): skips re-extraction. */
  inputHash: string;
  article: Article;
  fingerprint: Fingerprint;
  /** Per-article analysis results to keep, by kind (e.g. "doc"); JSON-safe values. */
  analyses?: Record<string, unknown>;
  /** Ask for the articles committed after this arrival number in `AssignContext.log`. */
  logSince?: number;
}

/** An input that could not become an article. */
export interface FailedInput {
  kind: "failed";
  error: InputError;
}

/** The outcome of committing one input. */
export type CommitOutcome =
  | {
      status: "stored";
      articleId: string;
      storyId: string;
      familyId: string;
      relation: Derivation;
      /** 1 for the first article seen at its URL, 2 for a changed version of it, … */
      version: number;
      newStory: boolean;
      /** Arrival number in the store. */
      seq: number;
    }
  | { status: "duplicate"; articleId: string; input: string }
  | { status: "failed"; error: InputError };

/** One row of `crosscheck stories`. */
export interface StorySummary {
  id: string;
  title: string | null;
  /** Number of articles. */
  size: number;
  /** Number of copy families: independent sources. */
  families: number;
  created: string;
  updated: string;
}

/** A story with everything a brief needs: its articles (arrival order) and copy families. */
export interface LoadedStory {
  story: Story;
  articles: Article[];
  families: Family[];
  /** Increases each time an article joins the story; cached briefs are valid for one revision. */
  revision: number;
}

/** A cached rendering of a story's brief. */
export interface CachedBrief {
  storyId: string;
  format: string;
  revision: number;
  body: string;
}

/** Row counts, for summaries and tests. */
export interface StoreCounts {
  inputs: number;
  articles: number;
  stories: number;
  families: number;
  buckets: number;
  briefs: number;
  jobsQueued: number;
  jobsFailed: number;
}

/** One queued job's outcome, as a worker reports it. */
export interface JobOutcome {
  jobId: number;
  outcome: CommitOutcome;
}

/** One line of an export: a table name and a row, with keys in a fixed order. */
export interface ExportRecord {
  type: string;
  [key: string]: unknown;
}

export interface ListStoriesOptions {
  limit?: number;
}

/** One state among several saved together (`Store.putStates`). */
export interface StateEntry {
  key: string;
  seq: number;
  data: unknown;
}

export interface PutStatesOptions {
  /** Keep the state of a key already saved instead of replacing it. */
  ifAbsent?: boolean;
  /** Keys to delete in the same transaction. */
  remove?: readonly string[];
}

/** The storage boundary. Every method is async (better-sqlite3 is sync, pg is not). */
export interface Store {
  /** The engine behind this store. */
  readonly engine: Engine;
  /** Where it lives: a file path or a connection URL with any password removed. */
  readonly location: string;

  /** Applies pending numbered migrations (idempotent); resolves to the versions applied. */
  migrate(): Promise<number[]>;
  /** Versions recorded in schema_migrations, ascending. */
  schemaVersions(): Promise<number[]>;
  /** Closes connections; the store is unusable afterwards. */
  close(): Promise<void>;

  /** True when a raw input with this hash has already been stored. */
  hasInput(inputHash: string): Promise<boolean>;
  /** The id of the first stored article with this content hash (copies may share it), or null. */
  articleIdByContent(contentHash: string): Promise<string | null>;
  /** Stores one article atomically with its assignment, fingerprint and raw input. */
  commitArticle(prepared: PreparedArticle, assign: AssignFn, now: string): Promise<CommitOutcome>;

  /** Adds inputs to the job queue; resolves to the number queued. */
  enqueue(inputs: readonly RawInput[], now: string): Promise<number>;
  /** Claims one queued job, runs `prepare` and commits its outcome in the same transaction; null when the queue is empty. */
  processNextJob(
    prepare: (input: RawInput) => PreparedArticle | FailedInput,
    assign: AssignFn,
    now: string,
  ): Promise<JobOutcome | null>;

  /** How many stories the store holds (one index count, for "n of N" lines). */
  countStories(): Promise<number>;
  /** Stories, most recently grown first. */
  listStories(options?: ListStoriesOptions): Promise<StorySummary[]>;
  /**
   * Stories with an article whose title or body (never removed boilerplate) holds every word of
   * the query, each as a word prefix; best match first, then most recently grown. A query with
   * no letters or digits finds nothing. `limit` defaults to 50.
   */
  searchStories(query: string, options?: ListStoriesOptions): Promise<StorySummary[]>;
  /** A story's articles and families (what `crosscheck brief --story ID` needs), or null; follows merges. */
  loadStory(storyId: string): Promise<LoadedStory | null>;
  /** Up to `limit` stored articles after arrival number `seq`, in arrival order (for replays). */
  articlesSince(seq: number, limit: number): Promise<LoggedArticle[]>;
  /** A pipeline's saved state (e.g. a clusterer snapshot) and the arrival number it covers, or null. */
  getState(key: string): Promise<{ seq: number; data: unknown } | null>;
  /** Saves a pipeline's state covering the articles up to arrival number `seq`. */
  putState(key: string, seq: number, data: unknown, now: string): Promise<void>;
  /** The saved states of these keys (keys never saved are left out); an unreadable one names its key. */
  getStates(keys: readonly string[]): Promise<Map<string, { seq: number; data: unknown }>>;
  /**
   * Saves several states in one transaction, touching no other key (so writers of disjoint
   * keys never undo each other). `ifAbsent`: a key already saved keeps its state; `remove`:
   * keys deleted in the same transaction.
   */
  putStates(entries: readonly StateEntry[], now: string, options?: PutStatesOptions): Promise<void>;
  /** One stored article by id, or null. */
  getArticle(articleId: string): Promise<Article | null>;
  /** The stored raw input an article came from (decompressed), or null. */
  getRawInput(articleId: string): Promise<RawInput | null>;
  /** Stored analysis results of an article, by kind. */
  getAnalyses(articleId: string): Promise<Record<string, unknown>>;

  /** A cached brief that is still valid for the story's current revision, or null. */
  getCachedBrief(storyId: string, format: string): Promise<CachedBrief | null>;
  /** Caches a brief made at the given story revision. */
  putCachedBrief(brief: CachedBrief, now: string): Promise<void>;

  /** Row counts of the main tables. */
  counts(): Promise<StoreCounts>;
  /** Every kept row as export records, in a fixed order (jobs and cached briefs excluded). */
  exportRecords(): AsyncIterable<ExportRecord>;
  /** Imports records produced by exportRecords into an empty store, in one transaction. */
  importRecords(records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>): Promise<number>;
}
