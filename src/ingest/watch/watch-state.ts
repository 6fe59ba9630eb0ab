/**
 * What `crosscheck watch` remembers between polls and runs: per feed, its HTTP validators
 * (ETag, Last-Modified), the keys of items already handed on, and its failure/back-off
 * schedule. Kept as one small JSON file, written atomically (temp file + rename), or, with
 * `--db` and no file, in the store beside the articles (`STORE_STATE_KEY`).
 */
import { readFile, rename, writeFile } from "node:fs/promises";

/**
 * Seen-item keys kept per feed (newest last). A feed shows 10–100 items at a time, so 5,000
 * keys (≈ 3 keys per item) remember well over a thousand past items while the state file of
 * 200 feeds stays a few MB at most.
 */
export const MAX_SEEN_KEYS_PER_FEED = 5000;

export interface FeedState {
  etag?: string | null;
  lastModified?: string | null;
  /** Hash of the last feed body parsed: the same bytes again are not parsed again. */
  bodyHash?: string;
  /** Keys of items already handed on: "g:<guid>", "l:<link>", "h:<content hash>". */
  seen: string[];
  /** Consecutive failed polls (0 after a success). */
  failures: number;
  /** When the feed is due next (ms since epoch); absent = due now. */
  nextPollAt?: number;
  lastError?: string | null;
}

export interface WatchState {
  version: 1;
  feeds: Record<string, FeedState>;
}

export function emptyState(): WatchState {
  return { version: 1, feeds: {} };
}

/** The store's pipeline-state key under which `watch --db` keeps its state. */
export const STORE_STATE_KEY = "watch";

/** Checks a parsed state (from a file or the store) and fills defaults; throws when it is not one. */
export function parseState(value: unknown): WatchState {
  const v = value as WatchState | null;
  if (v?.version !== 1 || typeof v.feeds !== "object" || v.feeds === null) {
    throw new Error("not a crosscheck watch state (version 1)");
  }
  for (const feed of Object.values(v.feeds)) {
    if (!Array.isArray(feed.seen)) feed.seen = [];
    if (typeof feed.failures !== "number") feed.failures = 0;
  }
  return v;
}

/** The state as saved: feeds in sorted order, so the saved text is stable. */
export function stableState(state: WatchState): WatchState {
  const feeds: Record<string, FeedState> = {};
  for (const url of Object.keys(state.feeds).sort()) feeds[url] = state.feeds[url];
  return { version: 1, feeds };
}

/** Loads the state file; a missing file is an empty state, a broken one an error naming it. */
export async function loadState(path: string): Promise<WatchState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw new Error(`cannot read watch state ${path}: ${(err as Error).message}`);
  }
  try {
    return parseState(JSON.parse(text));
  } catch (err) {
    throw new Error(`cannot read watch state ${path}: ${(err as Error).message}`);
  }
}

/** Writes the state atomically, feeds in sorted order so the file is stable. */
export async function saveState(path: string, state: WatchState): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(stableState(state), null, 1)}\n`);
  await rename(tmp, path);
}

/** Appends keys, dropping the oldest beyond the cap. */
export function remember(feed: FeedState, keys: Iterable<string>): void {
  const have = new Set(feed.seen);
  for (const key of keys) {
    if (!have.has(key)) {
      feed.seen.push(key);
      have.add(key);
    }
  }
  if (feed.seen.length > MAX_SEEN_KEYS_PER_FEED)
    feed.seen.splice(0, feed.seen.length - MAX_SEEN_KEYS_PER_FEED);
}
