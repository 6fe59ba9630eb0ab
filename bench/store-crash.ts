/**
 * Crash benchmark: ingests a synthetic corpus (default 10,000 articles) with `crosscheck
 * ingest`, kills the process with SIGKILL at seeded random moments, reruns until it finishes,
 * then counts: nothing lost, nothing doubled, every story consistent, and the same stories as
 * one uninterrupted run. Runs on SQLite and, when reachable, PostgreSQL.
 *
 *   node dist/bench/store-crash.js [--n 10000] [--kills 5] [--seed 1] [--pg postgres://…/db]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import { corpusJsonl, rng, syntheticCorpus } from "../test/store-corpus.js";
import { pgAdmin } from "./pg-admin.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const N = Number(arg("n", "10000"));
const KILLS = Number(arg("kills", "5"));
const SEED = Number(arg("seed", "1"));
const PG_ADMIN = arg(
  "pg",
  process.env.CROSSCHECK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test",
);
const BIN = join(process.cwd(), "bin", "crosscheck.js");

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "inherit"] });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

function admin(sql: string): Promise<void> {
  return pgAdmin(PG_ADMIN, sql);
}

function pgUrl(database: string): string {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Opens the store once the child has created it. */
async function waitForStore(spec: string): Promise<Store> {
  for (;;) {
    try {
      return await openStore(spec);
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function articles(store: Store): Promise<number> {
  return (await store.counts()).articles;
}

async function shape(store: Store): Promise<string[]> {
  return (await store.listStories()).map((s) => `${s.id}:${s.size}:${s.families}`).sort();
}

async function check(label: string, spec: string, baselineSpec: string, file: string) {
  const rand = rng(SEED);
  // Kill points spread over the whole run: after a random number of committed articles, plus
  // a random 0-40 ms so the kill lands at a random moment between or inside commits.
  const targets = Array.from({ length: KILLS }, () => Math.floor(rand() * N)).sort((a, b) => a - b);
  const kills: string[] = [];
  for (const [k, target] of targets.entries()) {
    const child = run(["ingest", file, "--db", spec, "-q"]);
    const watcher = await waitForStore(spec);
    let n = 0;
    while (child.exitCode === null && (n = await articles(watcher)) < target) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, Math.floor(rand() * 40)));
    const finished = child.exitCode !== null;
    child.kill("SIGKILL");
    await exited(child);
    n = await articles(watcher);
    await watcher.close();
    kills.push(
      `| ${k + 1} | ${target} | ${finished ? "finished before the kill" : "SIGKILL"} | ${n} |`,
    );
  }
  const last = run(["ingest", file, "--db", spec, "-q"]);
  await exited(last);

  const store = await openStore(spec);
  const counts = await store.counts();
  const stories = await store.listStories();
  let storyTotal = 0;
  let consistent = true;
  for (const s of stories) {
    const loaded = await store.loadStory(s.id);
    if (!loaded || loaded.articles.length !== s.size || loaded.families.length !== s.families) {
      consistent = false;
    }
    storyTotal += s.size;
  }
  const crashed = await shape(store);
  await store.close();
  let integrity = "n/a";
  if (!spec.startsWith("postgres")) {
    const db = new Database(spec, { readonly: true });
    integrity = String(
      (db.pragma("integrity_check") as { integrity_check: string }[])[0].integrity_check,
    );
    db.close();
  }
  const baseline = await openStore(baselineSpec);
  const same = JSON.stringify(await shape(baseline)) === JSON.stringify(crashed);
  await baseline.close();

  console.log(`\n### ${label}: ${N} articles, ${kills.length} kill attempts (seed ${SEED})\n`);
  console.log("| kill | aimed at (articles) | what happened | articles committed after the kill |");
  console.log("|---:|---:|---|---:|");
  for (const row of kills) console.log(row);
  console.log("\n| check | result |");
  console.log("|---|---|");
  console.log(`| articles stored (expected ${N}) | ${counts.articles} |`);
  console.log(`| raw inputs stored (expected ${N}) | ${counts.inputs} |`);
  console.log(`| articles counted through their stories (expected ${N}) | ${storyTotal} |`);
  console.log(`| every story's size and family count match its rows | ${consistent} |`);
  console.log(`| same stories and families as an uninterrupted run | ${same} |`);
  console.log(`| SQLite integrity_check | ${integrity} |`);
  const ok = counts.articles === N && counts.inputs === N && storyTotal === N && consistent && same;
  console.log(`| verdict | ${ok ? "nothing lost, nothing doubled" : "FAILED"} |`);
  if (!ok) process.exitCode = 1;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-crash-bench-"));
  const file = join(dir, "corpus.jsonl");
  const corpus = syntheticCorpus({
    stories: Math.ceil(N / 10),
    reportsPerStory: 5,
    copiesPerReport: 1,
    paragraphs: 10,
    seed: 3,
  }).slice(0, N);
  writeFileSync(file, corpusJsonl(corpus));

  const baseline = join(dir, "baseline.db");
  await exited(run(["ingest", file, "--db", baseline, "-q"]));
  await check("SQLite", join(dir, "crash.db"), baseline, file);

  let pgOk = true;
  try {
    await admin("SELECT 1");
  } catch (err) {
    pgOk = false;
    console.log(`\nPostgreSQL skipped: ${PG_ADMIN}: ${(err as Error).message}`);
  }
  if (pgOk) {
    const name = `crosscheck_crash_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    try {
      await check("PostgreSQL", pgUrl(name), baseline, file);
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
