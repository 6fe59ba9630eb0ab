/**
 * Store benchmark: ingest throughput of each engine against an in-memory baseline measured in
 * the same run (extraction + fingerprinting only, no storage), PostgreSQL with 1, 2 and 4
 * worker processes, and database size per article.
 *
 *   node dist/bench/store-ingest.js [--n 10000] [--workers-n 4000] [--pipeline default|simple]
 *                                    [--pg postgres://…/db]
 *
 * The baseline does the same pure work as the pipeline (extraction, fingerprints, and for the
 * default pipeline the story clusterer) in memory, storing nothing.
 * --pg names an existing server database used only to create and drop scratch databases.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { StoryClusterer } from "../src/cluster/story-clusterer.js";
import { extractOne, openPipeline, type PipelineName } from "../src/ingest/default-pipeline.js";
import { type Pipeline, ingestInputs, prepareInput } from "../src/ingest/ingest-pipeline.js";
import { simpleFingerprint, simplePipeline } from "../src/ingest/simple-pipeline.js";
import type { RawInput } from "../src/model.js";
import { openStore } from "../src/store/open-store.js";
import { syntheticCorpus } from "../test/store-corpus.js";
import { pgAdmin } from "./pg-admin.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const N = Number(arg("n", "10000"));
const PIPELINE = arg("pipeline", "default") as PipelineName;
const WORKERS_N = Number(arg("workers-n", "4000"));
const PG_ADMIN = arg(
  "pg",
  process.env.CROSSCHECK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test",
);
const BIN = join(process.cwd(), "bin", "crosscheck.js");

/** 10 paragraphs of 40 words, 5 reports per story, each with one copy: 10 inputs per story. */
function corpus(n: number, seed: number): RawInput[] {
  return syntheticCorpus({
    stories: Math.ceil(n / 10),
    reportsPerStory: 5,
    copiesPerReport: 1,
    paragraphs: 10,
    seed,
  }).slice(0, n);
}

function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${database}`;
  return u.toString();
}

function admin(sql: string): Promise<void> {
  return pgAdmin(PG_ADMIN, sql);
}

async function pgSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CHECKPOINT");
    const r = await client.query("SELECT pg_database_size(current_database())::bigint AS n");
    return Number(r.rows[0].n);
  } finally {
    await client.end();
  }
}

/** A pipeline that counts the candidates each assignment sees (last 1000 articles). */
function counting(inner: Pipeline): Pipeline & { recent: number[] } {
  const recent: number[] = [];
  return {
    name: inner.name,
    recent,
    extract: (input) => inner.extract(input),
    fingerprint: (article) => inner.fingerprint(article),
    assign: (article, ctx) => {
      recent.push(ctx.candidates.length);
      if (recent.length > 1000) recent.shift();
      return inner.assign(article, ctx);
    },
    logSince: inner.logSince ? () => inner.logSince?.() ?? 0 : undefined,
    settled: inner.settled ? (outcome, article) => inner.settled?.(outcome, article) : undefined,
    sync: inner.sync ? (now, store) => inner.sync?.(now, store) ?? Promise.resolve() : undefined,
  };
}

/** The pipeline's pure work on every input, in memory, nothing stored. */
function baseline(inputs: readonly RawInput[]): void {
  if (PIPELINE === "simple") {
    for (const input of inputs) prepareInput(simplePipeline, input);
    return;
  }
  const clusterer = new StoryClusterer();
  for (const input of inputs) {
    const article = extractOne(input);
    if (!("contentHash" in article)) continue;
    simpleFingerprint(article, false);
    clusterer.add(article);
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (x: number) => x.toFixed(0);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function runWorker(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, "worker", "--db", url, "--pipeline", PIPELINE, "-q"],
      { stdio: "inherit" },
    );
    child.on("exit", (code) => resolve(code ?? -1));
    child.on("error", reject);
  });
}

async function main() {
  const inputs = corpus(N, 1);
  const rawBytes = inputs.reduce((sum, i) => sum + Buffer.byteLength(i.text ?? ""), 0);
  console.log(`load average at start: ${load()} (2 shared cores); pipeline: ${PIPELINE}`);
  console.log(
    `corpus: ${N} synthetic articles, ${mb(rawBytes)} MB of text (${fmt(rawBytes / N)} B each)`,
  );

  // Warm-up (JIT, lazily built tables), untimed, on a different corpus.
  baseline(corpus(Math.min(500, N), 99));
  // Baseline: the pure stages only, nothing stored.
  let t = performance.now();
  baseline(inputs);
  const baseMs = performance.now() - t;
  const baseRate = rate(N, baseMs);
  console.log(`baseline (pure stages in memory, no store): ${fmt(baseRate)} articles/s`);

  const rows: string[] = [];
  rows.push(
    `| in-memory baseline (no store) | ${N} | ${(baseMs / 1000).toFixed(1)} | ${fmt(baseRate)} | 1.00 |`,
  );

  // SQLite, one process.
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-bench-"));
  const sqlitePath = join(dir, "bench.db");
  const sqlite = await openStore(sqlitePath);
  const sqlitePipeline = counting(await openPipeline(sqlite, PIPELINE));
  t = performance.now();
  const s1 = await ingestInputs(sqlite, sqlitePipeline, inputs);
  const sqliteMs = performance.now() - t;
  const sqliteCounts = await sqlite.counts();
  await sqlite.close();
  // Fold the WAL into the main file before measuring size.
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(sqlitePath);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  const sqliteBytes = statSync(sqlitePath).size;
  console.log(
    `SQLite: mean candidates per article over the last 1000: ${mean(sqlitePipeline.recent).toFixed(1)}`,
  );
  rows.push(
    `| SQLite, ingest (1 process) | ${s1.ingested} | ${(sqliteMs / 1000).toFixed(1)} | ${fmt(rate(N, sqliteMs))} | ${(rate(N, sqliteMs) / baseRate).toFixed(2)} |`,
  );

  // PostgreSQL, one process.
  const sizeRows: string[] = [];
  sizeRows.push(
    `| SQLite | ${sqliteCounts.articles} | ${mb(sqliteBytes)} | ${fmt(sqliteBytes / sqliteCounts.articles)} | ${mb((sqliteBytes / sqliteCounts.articles) * 100_000)} |`,
  );
  let pgAvailable = true;
  try {
    await admin("SELECT 1");
  } catch (err) {
    pgAvailable = false;
    console.log(`PostgreSQL skipped: ${PG_ADMIN}: ${(err as Error).message}`);
  }
  if (pgAvailable) {
    const name = `crosscheck_bench_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    const url = pgUrl(name);
    const pgStore = await openStore(url);
    const emptyBytes = await pgSize(url);
    t = performance.now();
    const p1 = await ingestInputs(pgStore, await openPipeline(pgStore, PIPELINE), inputs);
    const pgMs = performance.now() - t;
    const pgCounts = await pgStore.counts();
    await pgStore.close();
    const pgBytes = (await pgSize(url)) - emptyBytes;
    rows.push(
      `| PostgreSQL, ingest (1 process) | ${p1.ingested} | ${(pgMs / 1000).toFixed(1)} | ${fmt(rate(N, pgMs))} | ${(rate(N, pgMs) / baseRate).toFixed(2)} |`,
    );
    sizeRows.push(
      `| PostgreSQL (data + indexes, after CHECKPOINT, minus empty schema) | ${pgCounts.articles} | ${mb(pgBytes)} | ${fmt(pgBytes / pgCounts.articles)} | ${mb((pgBytes / pgCounts.articles) * 100_000)} |`,
    );
    await admin(`DROP DATABASE ${name} WITH (FORCE)`);

    // PostgreSQL queue with 1, 2 and 4 worker processes (process start-up included).
    const jobs = corpus(WORKERS_N, 2);
    for (const k of [1, 2, 4]) {
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      const q = await openStore(url);
      await q.enqueue(jobs, new Date().toISOString());
      t = performance.now();
      const codes = await Promise.all(Array.from({ length: k }, () => runWorker(url)));
      const ms = performance.now() - t;
      const c = await q.counts();
      await q.close();
      if (codes.some((code) => code !== 0) || c.articles !== WORKERS_N || c.jobsQueued !== 0) {
        throw new Error(
          `workers=${k}: exit ${codes}, ${c.articles} articles, ${c.jobsQueued} queued`,
        );
      }
      rows.push(
        `| PostgreSQL, queue, ${k} worker process${k > 1 ? "es" : ""} | ${c.articles} | ${(ms / 1000).toFixed(1)} | ${fmt(rate(WORKERS_N, ms))} | ${(rate(WORKERS_N, ms) / baseRate).toFixed(2)} |`,
      );
      await admin(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(`load average at end: ${load()}`);
  console.log("\n| run | articles | seconds | articles/s | ratio to baseline |");
  console.log("|---|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
  console.log("\n| engine | articles | size MB | bytes/article | MB per 100k (extrapolated ×10) |");
  console.log("|---|---:|---:|---:|---:|");
  for (const row of sizeRows) console.log(row);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
