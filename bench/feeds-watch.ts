/**
 * A watch run over 200 local feeds (20 host names × 10 feeds, all served by one loopback
 * server; an injected resolver maps the names to 127.0.0.1 so the per-host limit applies per
 * name as it would on the web). Poll 1 ingests everything; before poll 2, 10 % of the feeds gain
 * one item, the rest answer 304 to the stored ETag. Baseline in the same run: Node's built-in
 * fetch of the same 200 URLs (no vetting, robots, limits or conditional GET), same concurrency.
 * With --db, new items are ingested into a fresh SQLite store (what `watch --db` does) instead
 * of being serialised to JSON.
 * Run: npx tsc -p . && node dist/bench/feeds-watch.js [--db] [--distinct]
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultPipeline } from "../src/ingest/default-pipeline.js";
import { SafeFetcher } from "../src/ingest/fetch/safe-fetch.js";
import { ingestInputs } from "../src/ingest/ingest-pipeline.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import { emptyState } from "../src/ingest/watch/watch-state.js";
import { DEFAULT_POLL_CONCURRENCY, seededRandom, Watcher } from "../src/ingest/watch/watcher.js";

const HOSTS = 20;
const FEEDS_PER_HOST = 10;
const ITEMS_PER_FEED = 20;
const CHANGED_SHARE = 0.1;

const body =
  "<p>The council approved the new budget after a long debate about schools, roads and the harbour.</p>".repeat(
    8,
  );
const version = new Map<string, number>();

/**
 * --distinct: each item's body is its own seeded pseudo-text (no sentence shared between
 * items), instead of one shared body with a unique first line (near-duplicates, which is the
 * worst case for the store's LSH buckets).
 */
const distinct = process.argv.includes("--distinct");
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "ru",
  "ta",
  "vo",
  "shi",
  "den",
  "par",
  "gol",
  "tri",
  "bel",
  "sun",
  "mor",
  "ix",
];
function pseudoBody(key: string): string {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const rng = seededRandom(h);
  const word = () =>
    Array.from(
      { length: 2 + Math.floor(rng() * 2) },
      () => SYLLABLES[Math.floor(rng() * SYLLABLES.length)],
    ).join("");
  const sentence = () => {
    const words = Array.from({ length: 12 + Math.floor(rng() * 8) }, word);
    return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
  };
  return Array.from({ length: 6 }, () => `<p>${sentence()} ${sentence()}</p>`).join("");
}

function feedXml(path: string, v: number): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS_PER_FEED + v; i++) {
    items.push(
      `<item><title>${path} story ${i}</title><link>/story${path}/${i}</link><guid>${path}-${i}</guid>` +
        `<pubDate>Tue, 18 Jun 2024 09:30:00 GMT</pubDate><content:encoded><![CDATA[<p>Report ${i} of ${path}.</p>${distinct ? pseudoBody(`${path}-${i}`) : body}]]></content:encoded></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${path}</title><link>https://bench.example/</link>${items.join("")}</channel></rss>`;
}

let served = { feeds: 0, notModified: 0, robots: 0 };
const server = http.createServer((req, res) => {
  const path = req.url ?? "/";
  if (path === "/robots.txt") {
    served.robots++;
    res.writeHead(404);
    res.end();
    return;
  }
  const key = `${req.headers.host}${path}`;
  const v = version.get(key) ?? 0;
  const etag = `"${v}"`;
  if (req.headers["if-none-match"] === etag) {
    served.notModified++;
    res.writeHead(304, { etag });
    res.end();
    return;
  }
  served.feeds++;
  res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag });
  res.end(feedXml(key.replace(/\W/g, ""), v));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const port = (server.address() as AddressInfo).port;

const urls: string[] = [];
for (let h = 0; h < HOSTS; h++)
  for (let f = 0; f < FEEDS_PER_HOST; f++)
    urls.push(`http://host${h}.bench.test:${port}/feed${f}.xml`);

const fetcher = new SafeFetcher({
  allowPrivate: true,
  resolver: async () => [{ address: "127.0.0.1", family: 4 }],
});
let ingested = 0;
let jsonBytes = 0;
const useDb = process.argv.includes("--db");
const dbDir = useDb ? mkdtempSync(join(tmpdir(), "crosscheck-bench-watch-")) : null;
const store: Store | null = dbDir ? await openStore(join(dbDir, "bench.db")) : null;
const pipeline = defaultPipeline();
let storeQueue: Promise<unknown> = Promise.resolve();
let stored = 0;
const watcher = new Watcher(
  urls,
  emptyState(),
  {
    fetcher,
    now: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: seededRandom(1),
    log: (l) => console.error(l),
    emit: async (inputs) => {
      ingested += inputs.length;
      if (store) {
        const run = storeQueue.then(() => ingestInputs(store, pipeline, inputs));
        storeQueue = run.catch(() => undefined);
        stored += (await run).ingested;
        return;
      }
      for (const input of inputs) jsonBytes += JSON.stringify(input).length;
    },
  },
  { intervalMs: 60_000 },
);

async function round(label: string) {
  const before = { ...served, requests: fetcher.requests, ingested };
  const t0 = performance.now();
  const outcomes = await watcher.pollAll();
  const ms = performance.now() - t0;
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  console.log(
    `| ${label} | ${ms.toFixed(0)} | ${ingested - before.ingested} | ${fetcher.requests - before.requests} | ` +
      `${served.feeds - before.feeds} | ${served.notModified - before.notModified} | ${served.robots - before.robots} | ` +
      `${count("new")}/${count("unchanged")}/${count("not-modified")}/${count("failed")} |`,
  );
}

console.log(
  `# feeds-watch${useDb ? " --db (new items ingested into a fresh SQLite store)" : ""}${distinct ? " --distinct (every body its own text)" : ""}: ${urls.length} feeds (${HOSTS} hosts × ${FEEDS_PER_HOST}), ${ITEMS_PER_FEED} items each, poll concurrency ${DEFAULT_POLL_CONCURRENCY}, per-host limit 2`,
);
console.log(
  "| run | wall ms | items ingested | requests sent | 200 feed bodies | 304s | robots.txt | feeds new/unchanged/304/failed |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---|");
await round("poll 1 (cold)");
const rng = seededRandom(42);
let changed = 0;
for (const url of urls) {
  if (rng() < CHANGED_SHARE) {
    const u = new URL(url);
    version.set(`${u.host}${u.pathname}`, 1);
    changed++;
  }
}
await round(`poll 2 (${changed} feeds changed)`);

// Baseline: plain fetch() of the same URLs via 127.0.0.1, same concurrency, no safety or state.
served = { feeds: 0, notModified: 0, robots: 0 };
const plain = urls.map((u) => u.replace(/host\d+\.bench\.test/, "127.0.0.1"));
const t0 = performance.now();
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: DEFAULT_POLL_CONCURRENCY }, async () => {
    while (next < plain.length) {
      const res = await fetch(plain[next++]);
      bytes += (await res.arrayBuffer()).byteLength;
    }
  }),
);
console.log(
  `| baseline: plain fetch() of all ${plain.length}, no parse | ${(performance.now() - t0).toFixed(0)} | – | ${plain.length} | ${served.feeds} | 0 | 0 | – |`,
);
console.log(
  store
    ? `\nArticles stored: ${stored} (${(await store.counts()).articles} in the store); feed bytes in baseline: ${(bytes / 1e6).toFixed(1)} MB`
    : `\nJSON size of ingested inputs: ${(jsonBytes / 1e6).toFixed(1)} MB; feed bytes in baseline: ${(bytes / 1e6).toFixed(1)} MB`,
);
await store?.close();
if (dbDir) rmSync(dbDir, { recursive: true, force: true });
server.close();
server.closeAllConnections();
