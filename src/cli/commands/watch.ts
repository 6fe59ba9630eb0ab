/**
 * `crosscheck watch`: polls feeds (given as URLs or through OPML lists) on an interval and
 * writes each new item as one JSONL line (the format `crosscheck ingest` and every input door
 * read), to stdout or to a file per round in --out DIR, or ingests it with --db. Seen items and
 * HTTP validators live in the --state file, or with --db and no --state in the store (one
 * record per feed).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import type { RawInput } from "../../model.js";
import { charsetOf, decodeBytes } from "../../ingest/feeds/decode.js";
import { parseOpml } from "../../ingest/feeds/parse-opml.js";
import { defaultPipeline } from "../../ingest/default-pipeline.js";
import { SafeFetcher } from "../../ingest/fetch/safe-fetch.js";
import { ingestInputs } from "../../ingest/ingest-pipeline.js";
import {
  emptyState,
  loadState,
  loadStoreState,
  saveState,
  saveStoreState,
  type WatchState,
} from "../../ingest/watch/watch-state.js";
import {
  DEFAULT_POLL_CONCURRENCY,
  type PollOutcome,
  parseDuration,
  seededRandom,
  Watcher,
} from "../../ingest/watch/watcher.js";
import type { Store } from "../../store/store.js";
import { type CliContext, EXIT_INPUT_FAILED, UsageError } from "../context.js";
import { DB_OPTION_HELP, openStoreForCli } from "./ingest.js";

/** Shortest interval accepted: polling a feed more often than every 10 s is impolite. */
const MIN_INTERVAL_MS = 10_000;

interface WatchCliOptions {
  interval: string;
  once?: boolean;
  state?: string;
  out?: string;
  db?: string;
  allowPrivate?: boolean;
  pages: boolean;
  seed: string;
  concurrency: string;
}

export function registerWatch(program: Command, ctx: CliContext): void {
  program
    .command("watch")
    .description(
      "Poll feeds (RSS, Atom, JSON Feed; given as URLs, or listed in OPML files or .opml URLs) " +
        "and write each new item as one JSONL line {id, html|text, title, published, url, " +
        "author, outlet, categories, feed, source} to stdout or to --out DIR; JSONL is what " +
        "crosscheck's input commands read. An item whose feed carries only a teaser is " +
        "replaced by its fetched page. With --db, new items are ingested into the store " +
        "(as `crosscheck ingest` does) instead.",
    )
    .argument("<sources...>", "feed URLs, OPML files, or OPML URLs ending in .opml")
    .option("--interval <duration>", "time between polls of a feed (e.g. 90s, 15m, 1h)", "15m")
    .option("--once", "poll every feed once and exit (exit status 1 if any feed failed)")
    .option(
      "--state <path>",
      "JSON file keeping seen items and ETags between polls and runs (with --db and no --state, they are kept in the store)",
    )
    .option(
      "--out <dir>",
      "write each round's new items to DIR/watch-<time>.jsonl instead of stdout",
    )
    .option(
      "--db <path|url>",
      `ingest new items into the store instead of writing JSONL; ${DB_OPTION_HELP}`,
    )
    .option("--allow-private", "allow loopback and private addresses (local testing only)")
    .option("--no-pages", "do not fetch the page of teaser-only items")
    .option("--seed <n>", "seed for the back-off jitter", "1")
    .option("--concurrency <n>", "feeds polled at once", String(DEFAULT_POLL_CONCURRENCY))
    .addHelpText(
      "after",
      "\nExample: crosscheck watch subscriptions.opml --state watch.json --out inbox/\n" +
        "Exit status (--once): 0 all feeds polled, 1 some feed failed (each named on stderr), " +
        "2 usage error.",
    )
    .action(async (sources: string[], options: WatchCliOptions) => {
      await runWatch(ctx, sources, options);
    });
}

async function runWatch(
  ctx: CliContext,
  sources: string[],
  options: WatchCliOptions,
): Promise<void> {
  const intervalMs = parseDuration(options.interval);
  if (intervalMs === null)
    throw new UsageError(`--interval: cannot read "${options.interval}" (try 90s, 15m, 1h)`);
  if (intervalMs < MIN_INTERVAL_MS)
    throw new UsageError(`--interval must be at least ${MIN_INTERVAL_MS / 1000}s`);
  const seed = Number(options.seed);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError("--concurrency must be a positive integer");

  if (options.db !== undefined && options.out !== undefined) {
    throw new UsageError("--db and --out exclude each other: new items go to one place");
  }
  const fetcher = new SafeFetcher({ allowPrivate: options.allowPrivate ?? false });
  const feeds = await resolveSources(ctx, sources, fetcher);
  if (feeds.length === 0) {
    ctx.fail(EXIT_INPUT_FAILED);
    ctx.note("crosscheck: watch: no feeds to poll");
    return;
  }
  const store: Store | null =
    options.db !== undefined ? await openStoreForCli(ctx, options.db) : null;
  try {
    let state: WatchState;
    try {
      state = await loadWatchState(options.state, store, feeds);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (!options.state && !store) {
      ctx.note("watch: no --state file: seen items are forgotten when watch exits");
    } else if (!options.state && store) {
      ctx.note(`watch: seen items and validators are kept in the store ${store.location}`);
    }
    const save = options.state
      ? (s: WatchState) => saveState(options.state as string, s)
      : store
        ? (s: WatchState) => saveStoreState(store, feeds, s, new Date().toISOString())
        : async () => undefined;
    await pollFeeds(
      ctx,
      options,
      feeds,
      state,
      save,
      fetcher,
      store,
      seed,
      intervalMs,
      concurrency,
    );
  } finally {
    await store?.close();
  }
}

/**
 * The watch state: from the --state file when named, else the records of these feeds in the
 * store (with --db), else empty.
 */
async function loadWatchState(
  file: string | undefined,
  store: Store | null,
  feeds: readonly string[],
): Promise<WatchState> {
  if (file) return loadState(file);
  if (!store) return emptyState();
  return loadStoreState(store, feeds, new Date().toISOString());
}

async function pollFeeds(
  ctx: CliContext,
  options: WatchCliOptions,
  feeds: string[],
  state: WatchState,
  save: (state: WatchState) => Promise<void>,
  fetcher: SafeFetcher,
  store: Store | null,
  seed: number,
  intervalMs: number,
  concurrency: number,
): Promise<void> {
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const stop = () => {
    stopping = true;
    wake?.();
  };

  let pending: string[] = [];
  const stored = { ingested: 0, duplicates: 0, failed: 0 };
  const pipeline = store ? defaultPipeline() : null;
  let storeQueue: Promise<unknown> = Promise.resolve();
  const emit = async (inputs: RawInput[], feedUrl: string) => {
    if (store && pipeline) {
      // One feed's items at a time (feeds are polled concurrently; commits are serialised),
      // one transaction per item; an item that cannot be extracted is named on stderr.
      const run = storeQueue.then(() =>
        ingestInputs(store, pipeline, inputs, [], { now: () => new Date().toISOString() }),
      );
      storeQueue = run.catch(() => undefined);
      const summary = await run;
      stored.ingested += summary.ingested;
      stored.duplicates += summary.duplicates;
      stored.failed += summary.failed.length;
      ctx.reportInputErrors(summary.failed);
      return;
    }
    for (const input of inputs) pending.push(JSON.stringify(toJsonl(input, feedUrl)));
    if (!options.out) {
      ctx.io.stdout.write(pending.map((l) => `${l}\n`).join(""));
      pending = [];
    }
  };
  const watcher = new Watcher(
    feeds,
    state,
    {
      fetcher,
      now: Date.now,
      sleep,
      random: seededRandom(seed),
      log: (line) => ctx.note(line),
      emit,
    },
    { intervalMs, concurrency, fetchPages: options.pages },
  );

  let round = 0;
  const afterRound = async (outcomes: PollOutcome[]) => {
    round++;
    if (options.out && pending.length > 0) {
      await mkdir(options.out, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = join(options.out, `watch-${stamp}-${round}.jsonl`);
      await writeFile(file, pending.map((l) => `${l}\n`).join(""));
      ctx.note(`watch: wrote ${pending.length} items to ${file}`);
      pending = [];
    }
    await save(state);
    ctx.note(summary(outcomes, fetcher.requests));
    if (store) {
      ctx.note(
        `watch: store ${store.location}: ingested ${stored.ingested}, duplicates ${stored.duplicates}, failed ${stored.failed} so far`,
      );
    }
  };

  if (options.once) {
    const outcomes = await watcher.pollAll();
    await afterRound(outcomes);
    if (outcomes.some((o) => o.status === "failed")) ctx.fail(EXIT_INPUT_FAILED);
    return;
  }
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await watcher.run(() => stopping, afterRound);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** Feed URLs from the arguments: OPML files and .opml URLs are expanded; duplicates dropped. */
async function resolveSources(
  ctx: CliContext,
  sources: string[],
  fetcher: SafeFetcher,
): Promise<string[]> {
  const feeds: string[] = [];
  const add = (url: string) => {
    if (!feeds.includes(url)) feeds.push(url);
  };
  for (const source of sources) {
    try {
      if (/^https?:\/\//i.test(source)) {
        if (!/\.opml$/i.test(new URL(source).pathname)) {
          add(new URL(source).href);
          continue;
        }
        const res = await fetcher.fetch(source);
        for (const sub of parseOpml(decodeBytes(res.bytes, res.charset).text, res.finalUrl)
          .subscriptions)
          add(sub.url);
        continue;
      }
      if (!existsSync(source)) throw new Error("no such file or directory");
      const text = decodeBytes(new Uint8Array(await readFile(source))).text;
      const { subscriptions } = parseOpml(text);
      if (subscriptions.length === 0) throw new Error("OPML file lists no feeds");
      for (const sub of subscriptions) add(sub.url);
    } catch (err) {
      ctx.reportInputErrors([{ input: source, message: (err as Error).message }]);
    }
  }
  return feeds;
}

function toJsonl(input: RawInput, feedUrl: string): Record<string, unknown> {
  const record: Record<string, unknown> = { id: input.id };
  if (input.bytes) record.html = decodeBytes(input.bytes, charsetOf(input.origin.contentType)).text;
  else if (input.html !== undefined) record.html = input.html;
  else record.text = input.text ?? "";
  const meta = input.meta ?? {};
  for (const key of ["title", "published", "url", "author", "outlet", "categories"] as const) {
    if (meta[key] !== undefined) record[key] = meta[key];
  }
  record.feed = feedUrl;
  record.source = input.origin.name;
  if (input.diagnostics?.length) record.diagnostics = input.diagnostics;
  return record;
}

function summary(outcomes: PollOutcome[], requests: number): string {
  const count = (s: PollOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const items = outcomes.reduce((n, o) => n + o.newItems, 0);
  return (
    `watch: polled ${outcomes.length} feeds: ${items} new items from ${count("new")} feeds, ` +
    `${count("unchanged")} unchanged, ${count("not-modified")} not modified (304), ` +
    `${count("failed")} failed; ${requests} HTTP requests so far`
  );
}
