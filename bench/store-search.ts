/**
 * Story search benchmark: the store's full-text index (`Store.searchStories`) against reading
 * every story and scanning its text for the word (what the server did before the index), on the
 * same store in the same run, on SQLite and (when a server answers) PostgreSQL.
 * Store: N synthetic articles (test/store-corpus.ts: stories of 10 articles, each story with its
 * own invented vocabulary), committed with the simple pipeline. Queries: one word drawn from a
 * random article, so each matches one story or a few; median and 90th-percentile milliseconds.
 *
 *   npx tsc -p . && node dist/bench/store-search.js [--n 5000] [--queries 40]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ingestInputs } from "../src/ingest/ingest-pipeline.js";
import { simplePipeline } from "../src/ingest/simple-pipeline.js";
import type { RawInput } from "../src/model.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import { rng, syntheticCorpus } from "../test/store-corpus.js";
import { pgAdmin } from "./pg-admin.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const N = Number(arg("n", "5000"));
const QUERIES = Number(arg("queries", "40"));
const PG_ADMIN = process.env.CROSSCHECK_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** The pre-index search: every story loaded, every title and paragraph scanned for the word. */
async function scanSearch(store: Store, word: string): Promise<string[]> {
  const hits: string[] = [];
  for (const s of await store.listStories()) {
    const loaded = await store.loadStory(s.id);
    const found = loaded?.articles.some(
      (a) =>
        (a.title ?? "").toLowerCase().includes(word) ||
        a.paragraphs.some((p) => p.toLowerCase().includes(word)),
    );
    if (found) hits.push(s.id);
  }
  return hits;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function timeQueries(
  words: string[],
  run: (w: string) => Promise<string[]>,
): Promise<{ median: number; p90: number; hits: number }> {
  const ms: number[] = [];
  let hits = 0;
  for (const w of words) {
    const t = performance.now();
    hits += (await run(w)).length;
    ms.push(performance.now() - t);
  }
  return { median: quantile(ms, 0.5), p90: quantile(ms, 0.9), hits };
}

async function measure(
  label: string,
  store: Store,
  inputs: RawInput[],
  words: string[],
): Promise<string[]> {
  const summary = await ingestInputs(store, simplePipeline, inputs);
  const stories = await store.countStories();
  // Warm-up: statement caches, JIT.
  await store.searchStories(words[0]);
  await scanSearch(store, words[0]);
  const index = await timeQueries(words, async (w) =>
    (await store.searchStories(w, { limit: 500 })).map((s) => s.id),
  );
  const scan = await timeQueries(words, (w) => scanSearch(store, w));
  const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 0);
  return [
    `| ${label} | ${summary.ingested} / ${stories} | ${fmt(index.median)} (p90 ${fmt(index.p90)}) | ${fmt(scan.median)} (p90 ${fmt(scan.p90)}) | ${(scan.median / index.median).toFixed(0)}× | ${index.hits} / ${scan.hits} |`,
  ];
}

async function main() {
  console.log(`load average at start: ${loadavg()[0].toFixed(2)} (2 shared cores)`);
  // Query words: the longest word of random articles (story vocabulary, so few stories match).
  const inputs = syntheticCorpus({
    stories: N / 10,
    reportsPerStory: 5,
    copiesPerReport: 1,
    seed: 3,
  });
  const rand = rng(11);
  const words: string[] = [];
  while (words.length < QUERIES) {
    const text = inputs[Math.floor(rand() * inputs.length)].text ?? "";
    const ws = text.match(/[a-z]+/g) ?? [];
    words.push(ws.reduce((a, b) => (b.length > a.length ? b : a), ""));
  }
  console.log(`${N} articles, ${QUERIES} one-word queries\n`);
  const rows = [
    "| engine | articles / stories | index: median ms | scan every story: median ms | scan / index | stories found (index / scan) |",
    "|---|---|---|---|---|---|",
  ];
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-search-"));
  try {
    const sqlite = await openStore(join(dir, "search.db"));
    rows.push(...(await measure("SQLite (FTS5)", sqlite, inputs, words)));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const name = `crosscheck_search_${process.pid}`;
  try {
    await pgAdmin(PG_ADMIN, `CREATE DATABASE ${name}`);
  } catch (err) {
    console.log(`PostgreSQL skipped: ${(err as Error).message}`);
    console.log(rows.join("\n"));
    return;
  }
  try {
    const u = new URL(PG_ADMIN);
    u.pathname = `/${name}`;
    const pgStore = await openStore(u.toString());
    rows.push(...(await measure("PostgreSQL (GIN tsvector)", pgStore, inputs, words)));
    await pgStore.close();
  } finally {
    await pgAdmin(PG_ADMIN, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  console.log(rows.join("\n"));
}

await main();
