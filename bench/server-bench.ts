/**
 * Server benchmark.
 * 1. Story page of a 50-article story (the 50 ECB+ reports of the largest topics, the same
 *    selection as bench/brief-speed.ts, stored as one story in a temp SQLite store): server time
 *    in-process, cold (no cached brief: brief built, pages rendered and cached) and warm (cached),
 *    beside buildBrief alone on the same articles in the same run.
 * 2. Requests per second over 127.0.0.1 for the stories list (store: every ECB+ report ingested
 *    with the CLI's pipeline, plus the 50-article story), beside a trivial static handler
 *    (GET /static/app.js from memory) on the same server in the same run: 2,000 requests each,
 *    10 at a time, keep-alive.
 *
 *   npx tsc -p . && node dist/bench/server-bench.js [--requests 2000] [--concurrency 10] [--rounds 3]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBrief } from "../src/brief/build-brief.js";
import { openPipeline } from "../src/ingest/default-pipeline.js";
import { ingestInputs, prepareInput } from "../src/ingest/ingest-pipeline.js";
import { simplePipeline } from "../src/ingest/simple-pipeline.js";
import type { RawInput } from "../src/model.js";
import { createApp } from "../src/server/app.js";
import { listen } from "../src/server/node-adapter.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { Store } from "../src/store/store.js";
import { shared } from "./brief-common.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const REQUESTS = Number(arg("requests", "2000"));
const CONCURRENCY = Number(arg("concurrency", "10"));
/** Cold page builds timed (each is a full brief); the median is reported. */
const COLD_REPEATS = 7;
/** Rounds of the load test (each: list, API list, static baseline); the median round is reported. */
const ROUNDS = Number(arg("rounds", "3"));
/** Warm page requests timed; median and 90th percentile reported. */
const WARM_REPEATS = 200;

interface Doc {
  id: string;
  text: string;
}

function ecbDocs(): { docs: Doc[]; topic: Map<string, number> } {
  const dir = shared("datasets", "ecbplus-dev");
  const docs = readFileSync(join(dir, "docs.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Doc);
  const topic = new Map<string, number>();
  for (const l of readFileSync(join(dir, "gold.jsonl"), "utf8").trim().split("\n")) {
    const g = JSON.parse(l) as { id: string; topic: number };
    topic.set(g.id, g.topic);
  }
  return { docs, topic };
}

/** The 50 reports of the largest topics, as bench/brief-speed.ts picks them. */
function fifty(docs: Doc[], topic: Map<string, number>): Doc[] {
  const size = new Map<number, number>();
  for (const t of topic.values()) size.set(t, (size.get(t) ?? 0) + 1);
  return docs
    .slice()
    .sort(
      (a, b) =>
        size.get(topic.get(b.id)!)! - size.get(topic.get(a.id)!)! ||
        topic.get(a.id)! - topic.get(b.id)! ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, 50);
}

const toInput = (d: Doc, prefix = ""): RawInput => ({
  id: `${prefix}${d.id}`,
  origin: { kind: "jsonl", name: `${prefix}${d.id}` },
  text: d.text,
});

/** Stores the documents as ONE story: the pipeline picks families, the story is forced. */
async function storeAsOneStory(store: Store, docs: Doc[]): Promise<string> {
  // The stand-in pipeline picks copy families; the story is forced, so the stateful clusterer
  // (whose own story choice this would contradict) is not used for this store.
  const pipeline = simplePipeline;
  let story: string | null = null;
  for (const d of docs) {
    const prepared = prepareInput(pipeline, toInput(d, "s50-"));
    if (prepared.kind === "failed") throw new Error(prepared.error.message);
    const outcome = await store.commitArticle(
      prepared,
      (a, ctx) => {
        const own = pipeline.assign(a, ctx);
        const sameStory =
          own.family !== null &&
          ctx.candidates.some((c) => c.familyId === own.family && c.storyId === story);
        return {
          story,
          family: sameStory ? own.family : null,
          relation: sameStory ? own.relation : "original",
        };
      },
      "2025-01-01T00:00:00Z",
    );
    if (outcome.status !== "stored") throw new Error(`${d.id}: ${outcome.status}`);
    story ??= outcome.storyId;
  }
  return story!;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

/** `total` GETs of `path`, `concurrency` in flight, over one keep-alive agent; requests/second. */
async function load(
  base: string,
  path: string,
  total: number,
  concurrency: number,
): Promise<{ rps: number; bytes: number }> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let bytes = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
        res.on("data", (c: Buffer) => (bytes += c.byteLength));
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end();
    });
  const worker = async () => {
    while (next < total) {
      next++;
      await one();
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = ms(start) / 1000;
  agent.destroy();
  return { rps: total / seconds, bytes: bytes / total };
}

async function main(): Promise<void> {
  const { docs, topic } = ecbDocs();
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-server-bench-"));
  const store = await openSqliteStore(join(dir, "bench.db"));
  try {
    const storyId = await storeAsOneStory(store, fifty(docs, topic));
    const loaded = (await store.loadStory(storyId))!;
    console.log(
      `50-article story: ${loaded.articles.length} articles, ${loaded.families.length} copy families`,
    );

    // ---- 1. story page, cold and warm ----
    const app = createApp({ store });
    const noCache: Store = new Proxy(store, {
      get(target, prop) {
        if (prop === "getCachedBrief") return async () => null;
        const v = Reflect.get(target, prop);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const coldApp = createApp({ store: noCache });
    const page = `http://localhost/stories/${encodeURIComponent(storyId)}`;
    const get = async (a: typeof app) => {
      const res = await a(new Request(page));
      if (res.status !== 200) throw new Error(`story page: ${res.status}`);
      return (await res.text()).length;
    };
    await get(coldApp); // JIT warm-up, not timed
    // Cold page and brief-alone runs alternate, so noise from the shared machine hits both.
    const cold: number[] = [];
    const briefOnly: number[] = [];
    for (let i = 0; i < COLD_REPEATS; i++) {
      let t = process.hrtime.bigint();
      await get(coldApp);
      cold.push(ms(t));
      t = process.hrtime.bigint();
      const fresh = (await store.loadStory(storyId))!;
      buildBrief(fresh.articles, fresh.families, { id: storyId });
      briefOnly.push(ms(t));
    }
    const size = await get(app); // fills the cache
    const warm: number[] = [];
    for (let i = 0; i < WARM_REPEATS; i++) {
      const t = process.hrtime.bigint();
      await get(app);
      warm.push(ms(t));
    }
    const coldMedian = quantile(cold, 0.5);
    const warmMedian = quantile(warm, 0.5);
    console.log(`\nstory page (${Math.round(size / 1024)} KB of HTML), in-process server time:`);
    console.log(
      `  cold, no cached brief (median of ${COLD_REPEATS}): ${f1(coldMedian)} ms  (min ${f1(Math.min(...cold))})`,
    );
    console.log(
      `  baseline loadStory + buildBrief alone (median of ${COLD_REPEATS}): ${f1(quantile(briefOnly, 0.5))} ms`,
    );
    console.log(
      `  warm, cached (median of ${WARM_REPEATS}): ${f2(warmMedian)} ms  (p90 ${f2(quantile(warm, 0.9))})`,
    );
    console.log(
      `  cold / brief alone: ${f2(coldMedian / quantile(briefOnly, 0.5))}x; cold / warm: ${f1(coldMedian / warmMedian)}x`,
    );

    // ---- 2. stories list under load ----
    const listStore = await openSqliteStore(join(dir, "list.db"));
    const summary = await ingestInputs(
      listStore,
      await openPipeline(listStore),
      docs.map((d) => toInput(d)),
      [],
      { now: () => "2025-01-02T00:00:00Z" },
    );
    const stories = await listStore.listStories();
    console.log(
      `\nstore for the list: ${summary.ingested} ECB+ reports ingested with the default pipeline = ${stories.length} stories`,
    );
    const server = await listen(createApp({ store: listStore }), { port: 0 });
    try {
      // Warm-up, not timed.
      await load(server.url, "/", 200, CONCURRENCY);
      await load(server.url, "/static/app.js", 200, CONCURRENCY);
      // Rounds interleave the three endpoints so a burst of load from elsewhere on this shared
      // machine hits all of them alike; the median round is reported.
      const runs: Record<string, { rps: number; bytes: number }[]> = {
        list: [],
        api: [],
        base: [],
      };
      for (let round = 0; round < ROUNDS; round++) {
        runs.list.push(await load(server.url, "/", REQUESTS, CONCURRENCY));
        runs.api.push(await load(server.url, "/api/stories", REQUESTS, CONCURRENCY));
        runs.base.push(await load(server.url, "/static/app.js", REQUESTS, CONCURRENCY));
      }
      const med = (k: string) =>
        quantile(
          runs[k].map((r) => r.rps),
          0.5,
        );
      const kb = (k: string) => Math.round(runs[k][0].bytes / 1024);
      const all = (k: string) => runs[k].map((r) => Math.round(r.rps)).join(", ");
      console.log(
        `\n${REQUESTS} requests per endpoint per round, ${CONCURRENCY} concurrent, keep-alive, 127.0.0.1, ${ROUNDS} rounds (median; all rounds in brackets):`,
      );
      console.log(
        `  GET / (stories list, ${kb("list")} KB): ${Math.round(med("list"))} req/s  [${all("list")}]`,
      );
      console.log(
        `  GET /api/stories (${kb("api")} KB): ${Math.round(med("api"))} req/s  [${all("api")}]`,
      );
      console.log(
        `  baseline GET /static/app.js (${kb("base")} KB, from memory): ${Math.round(med("base"))} req/s  [${all("base")}]`,
      );
      console.log(
        `  stories list / static baseline: ${f2(med("list") / med("base"))}; API list / baseline: ${f2(med("api") / med("base"))}`,
      );
    } finally {
      await server.close();
      await listStore.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
