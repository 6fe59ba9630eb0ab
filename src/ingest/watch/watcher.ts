/**
 * The watch scheduler: polls feed subscriptions on an interval, hands on only items not seen
 * before (by guid, by link, or by a hash of title + content, so a feed that changes every
 * guid on each poll does not re-deliver its articles), and survives feeds that are down, slow
 * or broken: it logs them by name, backs off exponentially with jitter (capped), and goes on.
 * Clock, sleep and randomness are injected, so tests and benchmarks control time.
 */
import { createHash } from "node:crypto";
import type { RawInput } from "../../model.js";
import { decodeBytes } from "../feeds/decode.js";
import { itemContentHash } from "../feeds/feed-inputs.js";
import { type FeedItem, parseFeed } from "../feeds/parse-feed.js";
import { itemsToInputs } from "../feeds/read-feed-inputs.js";
import { FetchError, type SafeFetcher } from "../fetch/safe-fetch.js";
import { type FeedState, remember, type WatchState } from "./watch-state.js";
import { mulberry32 } from "../../match/hash32.js";

/** Default poll interval: 15 minutes, what most feed readers use; news feeds rarely change faster. */
export const DEFAULT_INTERVAL_MS = 15 * 60 * 1000;
/** Longest wait after repeated failures: a feed down for a day is still tried every 6 hours. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/**
 * Share of a back-off delay removed at random (0.25 → the delay is 75–100 % of the nominal):
 * spreads retries of feeds that failed together without making any retry early by much.
 */
export const BACKOFF_JITTER = 0.25;
/** Feeds polled at once (the fetcher also limits each host to its own small number). */
export const DEFAULT_POLL_CONCURRENCY = 8;

export interface WatchDeps {
  fetcher: Pick<SafeFetcher, "fetch">;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): seeded in the CLI and tests. */
  random: () => number;
  /** One line on stderr per event worth telling (failures, back-off). */
  log: (line: string) => void;
  /** Receives the new items of one feed, in feed order. */
  emit: (inputs: RawInput[], feedUrl: string) => Promise<void> | void;
}

export interface WatchOptions {
  intervalMs?: number;
  concurrency?: number;
  /** Fetch the linked page of teaser-only items (default true). */
  fetchPages?: boolean;
}

export type PollStatus = "new" | "unchanged" | "not-modified" | "failed";

export interface PollOutcome {
  url: string;
  status: PollStatus;
  newItems: number;
  error?: string;
}

/** Keys an item is known by; it is new only when none of them was seen. */
export function itemKeys(item: FeedItem): string[] {
  const keys: string[] = [];
  if (item.guid) keys.push(`g:${item.guid}`);
  if (item.link) keys.push(`l:${item.link}`);
  if (item.title || item.content) keys.push(`h:${itemContentHash(item)}`);
  return keys;
}

export class Watcher {
  private readonly intervalMs: number;
  private readonly concurrency: number;
  private readonly fetchPages: boolean;

  constructor(
    private readonly feeds: readonly string[],
    readonly state: WatchState,
    private readonly deps: WatchDeps,
    options: WatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.concurrency = options.concurrency ?? DEFAULT_POLL_CONCURRENCY;
    this.fetchPages = options.fetchPages ?? true;
    for (const url of feeds) this.state.feeds[url] ??= { seen: [], failures: 0 };
  }

  /** Polls every feed now, whatever its schedule; outcomes in subscription order. */
  pollAll(): Promise<PollOutcome[]> {
    return this.pollList([...this.feeds]);
  }

  /** Polls the feeds that are due; outcomes in subscription order. */
  pollDue(): Promise<PollOutcome[]> {
    const now = this.deps.now();
    return this.pollList(
      this.feeds.filter((url) => (this.state.feeds[url].nextPollAt ?? 0) <= now),
    );
  }

  /** Milliseconds until the next feed is due (0 when one is due now). */
  msUntilNextDue(): number {
    const now = this.deps.now();
    let soonest = Number.POSITIVE_INFINITY;
    for (const url of this.feeds)
      soonest = Math.min(soonest, (this.state.feeds[url].nextPollAt ?? 0) - now);
    return Math.max(0, soonest);
  }

  /**
   * Polls on schedule until `shouldStop` says so (checked between rounds); `afterRound` runs
   * after each round (the CLI saves the state there).
   */
  async run(
    shouldStop: () => boolean,
    afterRound?: (outcomes: PollOutcome[]) => Promise<void> | void,
  ): Promise<void> {
    while (!shouldStop()) {
      const outcomes = await this.pollDue();
      if (afterRound) await afterRound(outcomes);
      if (shouldStop()) break;
      await this.deps.sleep(this.msUntilNextDue());
    }
  }

  private async pollList(urls: string[]): Promise<PollOutcome[]> {
    const outcomes: PollOutcome[] = new Array(urls.length);
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const i = next++;
        outcomes[i] = await this.pollFeed(urls[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, urls.length) }, worker));
    return outcomes;
  }

  /** Polls one feed; never throws. */
  async pollFeed(url: string): Promise<PollOutcome> {
    const feedState = (this.state.feeds[url] ??= { seen: [], failures: 0 });
    try {
      const res = await this.deps.fetcher.fetch(url, {
        validators: { etag: feedState.etag, lastModified: feedState.lastModified },
      });
      if (res.notModified) {
        this.succeeded(feedState);
        return { url, status: "not-modified", newItems: 0 };
      }
      // Servers without ETag/Last-Modified often send the same bytes again: skip the parse.
      const bodyHash = createHash("sha256").update(res.bytes).digest("hex").slice(0, 32);
      if (bodyHash === feedState.bodyHash) {
        feedState.etag = res.etag;
        feedState.lastModified = res.lastModified;
        this.succeeded(feedState);
        return { url, status: "unchanged", newItems: 0 };
      }
      const feed = parseFeed(decodeBytes(res.bytes, res.charset).text, res.finalUrl);
      const seen = new Set(feedState.seen);
      const fresh: FeedItem[] = [];
      for (const item of feed.items) {
        const keys = itemKeys(item);
        if (keys.length === 0 || keys.some((k) => seen.has(k))) continue;
        for (const k of keys) seen.add(k);
        fresh.push(item);
      }
      if (fresh.length > 0) {
        const inputs = await itemsToInputs(
          feed,
          url,
          fresh,
          this.deps.fetcher as SafeFetcher,
          this.fetchPages,
        );
        await this.deps.emit(inputs, url);
        // Remembered only once handed on: a crash before emit re-delivers rather than loses.
        remember(feedState, fresh.flatMap(itemKeys));
      }
      feedState.etag = res.etag;
      feedState.lastModified = res.lastModified;
      feedState.bodyHash = bodyHash;
      this.succeeded(feedState);
      return { url, status: fresh.length > 0 ? "new" : "unchanged", newItems: fresh.length };
    } catch (err) {
      const message =
        err instanceof FetchError
          ? err.message
          : `cannot read feed ${url}: ${(err as Error)?.message ?? String(err)}`;
      feedState.failures += 1;
      // A server that said when to come back (Retry-After) is not asked sooner.
      const retryAfter = err instanceof FetchError ? (err.retryAfterMs ?? 0) : 0;
      const delay = Math.max(this.backoffMs(feedState.failures), retryAfter);
      feedState.nextPollAt = this.deps.now() + delay;
      feedState.lastError = message;
      this.deps.log(
        `crosscheck: ${message} (failure ${feedState.failures}; next try in ${formatDuration(delay)})`,
      );
      return { url, status: "failed", newItems: 0, error: message };
    }
  }

  /** interval × 2^failures, capped, minus up to BACKOFF_JITTER of it at random. */
  backoffMs(failures: number): number {
    const nominal = Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** Math.min(failures, 30));
    return Math.round(nominal * (1 - BACKOFF_JITTER * this.deps.random()));
  }

  private succeeded(feedState: FeedState): void {
    feedState.failures = 0;
    feedState.lastError = null;
    feedState.nextPollAt = this.deps.now() + this.intervalMs;
  }
}

/** A seeded PRNG (mulberry32): same seed, same back-off schedule. */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** "15m", "90s", "1h30m", "2h", or plain seconds → milliseconds; null when unreadable. */
export function parseDuration(s: string): number | null {
  const t = s.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
      m[2] as "ms" | "s" | "m" | "h" | "d"
    ];
    total += Number(m[1]) * unit;
    matched = re.lastIndex;
  }
  return matched === t.length && matched > 0 ? Math.round(total) : null;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${(m / 60).toFixed(1)} h`;
}
