/**
 * How long one article's commit transaction takes (for the default pipeline: the serial
 * section under the global lock, which bounds a whole deployment's rate), next to the pure
 * work per article, for each engine, with one writer.
 *
 *   node dist/bench/store-commit-time.js [--n 1000] [--pg postgres://…/db]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openPipeline } from "../src/ingest/default-pipeline.js";
import { prepareInput } from "../src/ingest/ingest-pipeline.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import { syntheticCorpus } from "../test/store-corpus.js";
import { pgAdmin } from "./pg-admin.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const N = Number(arg("n", "1000"));
const PG_ADMIN = arg(
  "pg",
  process.env.CROSSCHECK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test",
);

function admin(sql: string): Promise<void> {
  return pgAdmin(PG_ADMIN, sql);
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function measure(label: string, store: Store): Promise<string> {
  const pipeline = await openPipeline(store, "default");
  const inputs = syntheticCorpus({
    stories: Math.ceil(N / 10),
    reportsPerStory: 5,
    copiesPerReport: 1,
    paragraphs: 10,
    seed: 4,
  }).slice(0, N);
  const work: number[] = [];
  const commit: number[] = [];
  for (const input of inputs) {
    await pipeline.sync?.(new Date().toISOString(), store);
    let t = performance.now();
    const prepared = prepareInput(pipeline, input);
    work.push(performance.now() - t);
    if (prepared.kind !== "article") continue;
    t = performance.now();
    let assignMs = 0;
    const outcome = await store.commitArticle(
      prepared,
      (article, ctx) => {
        const a = performance.now();
        const r = pipeline.assign(article, ctx);
        assignMs = performance.now() - a;
        return r;
      },
      new Date().toISOString(),
    );
    commit.push(performance.now() - t);
    pipeline.settled?.(outcome, prepared.article);
    work[work.length - 1] += assignMs;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return `| ${label} | ${commit.length} | ${mean(work).toFixed(1)} | ${mean(commit).toFixed(1)} | ${percentile(commit, 0.5).toFixed(1)} | ${percentile(commit, 0.95).toFixed(1)} | ${(1000 / mean(commit)).toFixed(0)} |`;
}

async function main() {
  console.log(
    `load average: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")} (2 shared cores)`,
  );
  const rows: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-commit-"));
  const sqlite = await openStore(join(dir, "c.db"));
  rows.push(await measure("SQLite", sqlite));
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  const name = `crosscheck_commit_${process.pid}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(PG_ADMIN);
    u.pathname = `/${name}`;
    const store = await openStore(u.toString());
    rows.push(await measure("PostgreSQL", store));
    await store.close();
    await admin(`DROP DATABASE ${name} WITH (FORCE)`);
  } catch (err) {
    console.log(`PostgreSQL skipped: ${(err as Error).message}`);
  }
  console.log(
    "\n| engine | articles | pure work ms/article (extract, fingerprint, assign) | commit transaction ms, assign included (mean) | p50 | p95 | 1 / mean commit (articles/s ceiling of the serial section) |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
