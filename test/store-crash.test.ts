/**
 * Crash safety and many workers, with real processes: an ingest killed with SIGKILL mid-batch
 * loses nothing committed and leaves nothing half-written; the rerun completes it. Several
 * worker processes on one PostgreSQL queue (one of them killed) process each job exactly once.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import { runCli } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { corpusJsonl, syntheticCorpus } from "./store-corpus.js";
import { storeEngines } from "./store-engines.js";

const BIN = join(REPO_ROOT, "bin", "crosscheck.js");
const dir = mkdtempSync(join(tmpdir(), "crosscheck-crash-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every consistency rule a store must keep, whatever happened to the writers. */
async function assertConsistent(store: Store, expectedArticles: number): Promise<void> {
  const counts = await store.counts();
  assert.equal(counts.articles, expectedArticles, "every article stored, none twice");
  assert.equal(counts.inputs, expectedArticles, "one raw input per article");
  const stories = await store.listStories();
  let total = 0;
  for (const summary of stories) {
    const loaded = await store.loadStory(summary.id);
    assert.ok(loaded);
    assert.equal(loaded.articles.length, summary.size, `story ${summary.id} size matches its rows`);
    assert.equal(loaded.families.length, summary.families, `story ${summary.id} family count`);
    total += summary.size;
  }
  assert.equal(total, expectedArticles, "every article belongs to exactly one story");
}

describe("crash safety", () => {
  it("loses and doubles nothing when an ingest is killed with SIGKILL and rerun", async () => {
    const corpus = syntheticCorpus({
      stories: 30,
      reportsPerStory: 5,
      copiesPerReport: 1,
      seed: 21,
    });
    assert.equal(corpus.length, 300);
    const file = join(dir, "corpus.jsonl");
    writeFileSync(file, corpusJsonl(corpus));
    const db = join(dir, "crash.db");
    const child = run(["ingest", file, "--db", db, "-q"]);
    // Kill it once some articles are committed (read through a second connection).
    let seen = 0;
    for (let i = 0; i < 2000 && seen < 60; i++) {
      await sleep(5);
      try {
        const reader = new Database(db, { readonly: true, fileMustExist: true });
        try {
          seen = (reader.prepare("SELECT COUNT(*) AS n FROM articles").get() as { n: number }).n;
        } finally {
          reader.close();
        }
      } catch {
        // The file or its tables do not exist yet.
      }
    }
    child.kill("SIGKILL");
    await exited(child);
    assert.equal(child.signalCode, "SIGKILL", "the ingest was killed, not finished");
    const partial = await openStore(db);
    const stored = (await partial.counts()).articles;
    assert.ok(stored >= 60 && stored < 300, `killed mid-batch (${stored} stored)`);
    await assertConsistent(partial, stored);
    await partial.close();

    const rerun = run(["ingest", file, "--db", db]);
    let stderr = "";
    rerun.stderr?.on("data", (d) => (stderr += d));
    assert.equal(await exited(rerun), 0);
    assert.match(stderr, new RegExp(`ingested ${300 - stored} .*duplicates ${stored}, failed 0`));
    const final = await openStore(db);
    await assertConsistent(final, 300);
    // The same stories and families as one uninterrupted run over the same file.
    const baselineDb = join(dir, "baseline.db");
    assert.equal((await runCli(["ingest", file, "--db", baselineDb, "-q"])).code, 0);
    const baseline = await openStore(baselineDb);
    const shape = async (s: Store) =>
      (await s.listStories()).map((x) => `${x.id}:${x.size}:${x.families}`).sort();
    assert.deepEqual(await shape(final), await shape(baseline));
    await baseline.close();
    await final.close();
  });
});

const [, postgres] = await storeEngines();

describe("many workers on PostgreSQL", { skip: postgres.skip }, () => {
  after(() => postgres.cleanup());

  it("processes every queued job exactly once with three workers, one of them killed", async () => {
    const { store, spec } = await postgres.fresh();
    const corpus = syntheticCorpus({
      stories: 15,
      reportsPerStory: 3,
      copiesPerReport: 1,
      seed: 8,
      storyWordShare: 0.95,
    });
    assert.equal(await store.enqueue(corpus, "2024-06-20T12:00:00Z"), 90);
    const workers = [0, 1, 2].map(() => run(["worker", "--db", spec, "-q"]));
    while ((await store.counts()).articles < 10) await sleep(10);
    workers[0].kill("SIGKILL");
    await Promise.all(workers.map(exited));
    // Whatever the killed worker held went back to the queue; a last worker drains it.
    assert.equal(await exited(run(["worker", "--db", spec, "-q"])), 0);
    const counts = await store.counts();
    assert.equal(counts.jobsQueued, 0);
    assert.equal(counts.jobsFailed, 0);
    await assertConsistent(store, 90);
    const stories = await store.listStories();
    assert.equal(stories.length, 15, "no story split by simultaneous arrivals");
    assert.ok(stories.every((s) => s.size === 6 && s.families === 3));
  });
});
