/**
 * What `crosscheck watch` remembers between polls and runs: per feed, its HTTP validators
 * (ETag, Last-Modified), the keys of items already handed on, and its failure/back-off
 * schedule. Kept as one small JSON file, written atomically (temp file + rename), or, with
 * `--db` and no file, in the store beside the articles: one record per feed
 * (`STORE_FEED_KEY_PREFIX` + URL), so watchers of different feeds on one store keep each
 * other's state.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import type { Store } from "../../store/store.js";

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

/**
 * The store's pipeline-state key of one feed's state: this prefix + the feed URL. Each watcher
 * reads and writes only the keys of its own feeds.
 */
export const STORE_FEED_KEY_PREFIX = "watch:";

/**
 * The key under which older versions kept the whole state as one record (the last watcher to
 * save won). Read once and split into per-feed records (`loadStoreState`).
 */
export const LEGACY_STORE_STATE_KEY = "watch";

/** The store key of one feed's state. */
export function storeFeedKey(url: string): string {
  return STORE_FEED_KEY_PREFIX + url;
}

/** Checks one feed's parsed state and fills defaults; throws when it is not one. */
export function parseFeedState(value: unknown): FeedState {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("not a crosscheck watch feed state (an object)");
  }
  const feed = value as FeedState;
  if (!Array.isArray(feed.seen)) feed.seen = [];
  if (typeof feed.failures !== "number") feed.failures = 0;
  return feed;
}

/** Checks a parsed state (from a file or the store) and fills defaults; throws when it is not one. */
export function parseState(value: unknown): WatchState {
  const v = value as WatchState | null;
  if (v?.version !== 1 || typeof v.feeds !== "object" || v.feeds === null) {
    throw new Error("not a crosscheck watch state (version 1)");
  }
  for (const [url, feed] of Object.entries(v.feeds)) {
    try {
      parseFeedState(feed);
    } catch (err) {
      throw new Error(`feed ${url}: ${(err as Error).message}`);
    }
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

/**
 * The state of these feeds kept in the store (feeds never saved start empty). A state an older
 * version saved as one record is first split into per-feed records, in one transaction that
 * keeps any feed's newer record and removes the old one. An unreadable state is an error naming
 * the store (and the feed).
 */
export async function loadStoreState(
  store: Store,
  feeds: readonly string[],
  now: string,
): Promise<WatchState> {
  const where = `cannot read watch state in the store ${store.location}`;
  const fail = (err: unknown, feed?: string): Error =>
    new Error(`${where}${feed ? ` (feed ${feed})` : ""}: ${(err as Error).message}`);
  let legacy: { seq: number; data: unknown } | null;
  try {
    legacy = await store.getState(LEGACY_STORE_STATE_KEY);
  } catch (err) {
    throw fail(err);
  }
  if (legacy) {
    let old: WatchState;
    try {
      old = parseState(legacy.data);
    } catch (err) {
      throw fail(err);
    }
    const entries = Object.keys(old.feeds)
      .sort()
      .map((url) => ({ key: storeFeedKey(url), seq: 0, data: old.feeds[url] }));
    await store.putStates(entries, now, { ifAbsent: true, remove: [LEGACY_STORE_STATE_KEY] });
  }
  let saved: Map<string, { seq: number; data: unknown }>;
  try {
    saved = await store.getStates(feeds.map(storeFeedKey));
  } catch (err) {
    throw fail(err);
  }
  const state = emptyState();
  for (const url of feeds) {
    const feed = saved.get(storeFeedKey(url));
    if (!feed) continue;
    try {
      state.feeds[url] = parseFeedState(feed.data);
    } catch (err) {
      throw fail(err, url);
    }
  }
  return state;
}

/**
 * Saves the state of these feeds (and no other) in the store, in one transaction: a watcher of
 * other feeds on the same store keeps its own.
 */
export async function saveStoreState(
  store: Store,
  feeds: readonly string[],
  state: WatchState,
  now: string,
): Promise<void> {
  const entries = [...new Set(feeds)]
    .sort()
    .filter((url) => state.feeds[url] !== undefined)
    .map((url) => ({ key: storeFeedKey(url), seq: 0, data: state.feeds[url] }));
  await store.putStates(entries, now);
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
