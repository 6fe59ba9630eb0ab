import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { SafeFetcher } from "../src/ingest/fetch/safe-fetch.js";
import { emptyState, storeFeedKey } from "../src/ingest/watch/watch-state.js";
import {
  BACKOFF_JITTER,
  MAX_BACKOFF_MS,
  parseDuration,
  seededRandom,
  type WatchDeps,
  Watcher,
} from "../src/ingest/watch/watcher.js";
import { extractBatch } from "../src/extract/index.js";
import { readInputs } from "../src/ingest/read-inputs.js";
import type { RawInput } from "../src/model.js";
import { openStore } from "../src/store/open-store.js";
import { serve, startServer, type TestServer } from "./fetch-server.js";
import { runCli } from "./helpers/cli.js";

const LONG =
  "The council approved the new budget after a long debate about schools and roads. ".repeat(12);

function rss(
  title: string,
  items: { guid: string; link: string; title: string; body?: string }[],
): string {
  const xml = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid>` +
        `<pubDate>Tue, 18 Jun 2024 09:30:00 GMT</pubDate><description><![CDATA[${i.body ?? `<p>${LONG}</p>`}]]></description></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://example.invalid/</link>${xml}</channel></rss>`;
}

/** A fake clock whose sleep advances time instantly. */
function fakeTime(start = Date.UTC(2024, 5, 18)) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => void (t += ms),
    sleeps,
  };
}

describe("the watch scheduler", () => {
  let server: TestServer;
  let rotatingPoll = 0;
  let garbage = true;
  before(async () => {
    server = await startServer({
      "/rotating.xml": serve(
        "", // replaced below
      ),
      "/etag.xml": (req, res) => {
        if (req.headers["if-none-match"] === '"e1"') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { "content-type": "application/rss+xml", etag: '"e1"' });
        res.end(rss("Etag Feed", [{ guid: "a", link: `${server.base}/a`, title: "A" }]));
      },
      "/resting.xml": serve("", { "retry-after": "86400" }, 503),
      "/static.xml": serve(
        rss("Static", [{ guid: "s1", link: "http://example.invalid/s1", title: "S1" }]),
        {
          "content-type": "application/rss+xml",
        },
      ),
      "/slow.xml": (_req, res) => {
        const t = setTimeout(() => res.end("late"), 3000);
        res.on("close", () => clearTimeout(t));
      },
      "/flaky.xml": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(
          garbage
            ? "<html><body>Service unavailable</body></html>"
            : rss("Flaky", [{ guid: "f1", link: `${server.base}/f1`, title: "F1" }]),
        );
      },
      "/teaser.xml": (_req, res) => {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.end(
          rss("Teaser Feed", [
            {
              guid: "t1",
              link: `${server.base}/article-1`,
              title: "Teaser title &amp;amp; more",
              body: "Short summary…",
            },
          ]),
        );
      },
      "/article-1": serve(
        "<html><head><title>Page title</title></head><body><p>Full article.</p></body></html>",
        {
          "content-type": "text/html; charset=utf-8",
        },
      ),
    });
    server.routes.set("/rotating.xml", (_req, res) => {
      rotatingPoll++;
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(
        rss(
          "Rotating",
          [1, 2, 3].map((i) => ({
            guid: `poll${rotatingPoll}-${i}`,
            link: `${server.base}/story-${i}`,
            title: `Story ${i}`,
          })),
        ),
      );
    });
  });
  after(() => server.close());

  function deps(
    time: ReturnType<typeof fakeTime>,
    emitted: RawInput[],
    log: string[],
    random = () => 0,
  ): WatchDeps {
    return {
      fetcher: new SafeFetcher({ allowPrivate: true, now: time.now, sleep: time.sleep }),
      now: time.now,
      sleep: time.sleep,
      random,
      log: (l) => void log.push(l),
      emit: (inputs) => void emitted.push(...inputs),
    };
  }

  it("does not re-deliver articles of a feed that changes every guid on each poll", async () => {
    const time = fakeTime();
    const emitted: RawInput[] = [];
    const watcher = new Watcher(
      [`${server.base}/rotating.xml`],
      emptyState(),
      deps(time, emitted, []),
    );
    const first = await watcher.pollAll();
    assert.equal(first[0].newItems, 3);
    const second = await watcher.pollAll();
    assert.deepEqual([second[0].status, second[0].newItems], ["unchanged", 0]);
    assert.equal(emitted.length, 3);
    assert.match(
      watcher.state.feeds[`${server.base}/rotating.xml`].bodyHash ?? "",
      /^[0-9a-f]{32}$/,
    );
    assert.equal(emitted[0].meta?.outlet, "Rotating");
  });

  it("does not parse the same bytes twice from a server without validators", async () => {
    const url = `${server.base}/static.xml`;
    const emitted: RawInput[] = [];
    const watcher = new Watcher([url], emptyState(), deps(fakeTime(), emitted, []));
    assert.equal((await watcher.pollAll())[0].status, "new");
    // Forget the items: only the body hash can now keep them from being delivered again.
    watcher.state.feeds[url].seen = [];
    assert.equal((await watcher.pollAll())[0].status, "unchanged");
    assert.equal(emitted.length, 1);
  });

  it("sends the stored ETag and counts a 304 as not modified", async () => {
    const time = fakeTime();
    const emitted: RawInput[] = [];
    const url = `${server.base}/etag.xml`;
    const watcher = new Watcher([url], emptyState(), deps(time, emitted, []));
    assert.equal((await watcher.pollAll())[0].status, "new");
    assert.equal(watcher.state.feeds[url].etag, '"e1"');
    const second = await watcher.pollAll();
    assert.equal(second[0].status, "not-modified");
    assert.equal(server.headers.at(-1)?.["if-none-match"], '"e1"');
    assert.equal(emitted.length, 1);
  });

  it("logs a feed that returns garbage by name, backs off, keeps polling the others, and recovers", async () => {
    const time = fakeTime();
    const emitted: RawInput[] = [];
    const log: string[] = [];
    const flaky = `${server.base}/flaky.xml`;
    const down = `${server.base}/gone.xml`;
    const interval = 60_000;
    const watcher = new Watcher(
      [flaky, down, `${server.base}/etag.xml`],
      emptyState(),
      deps(time, emitted, log),
      { intervalMs: interval },
    );
    const outcomes = await watcher.pollAll();
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ["failed", "failed", "new"],
    );
    assert.match(
      log[0],
      new RegExp(
        `^crosscheck: cannot read feed ${flaky}: not a feed: the document element is <html> \\(failure 1; next try in 2 min\\)$`,
      ),
    );
    assert.match(log[1], new RegExp(`^crosscheck: cannot fetch ${down}: HTTP 404`));
    assert.equal(watcher.state.feeds[flaky].nextPollAt, time.now() + 2 * interval);
    // Before the back-off ends only the healthy feed is due.
    time.advance(interval);
    assert.deepEqual(
      (await watcher.pollDue()).map((o) => o.url),
      [`${server.base}/etag.xml`],
    );
    garbage = false;
    time.advance(interval);
    const later = await watcher.pollDue();
    assert.deepEqual(
      later.map((o) => [o.url, o.status]),
      [
        [flaky, "new"],
        [down, "failed"],
        [`${server.base}/etag.xml`, "not-modified"],
      ],
    );
    assert.equal(watcher.state.feeds[flaky].failures, 0);
    assert.equal(watcher.state.feeds[down].failures, 2);
  });

  it("gives up on a slow feed at the fetch timeout and counts it as a failure", async () => {
    const time = fakeTime();
    const log: string[] = [];
    const slow = `${server.base}/slow.xml`;
    const d = deps(time, [], log);
    d.fetcher = new SafeFetcher({ allowPrivate: true, totalTimeoutMs: 200 });
    const watcher = new Watcher([slow], emptyState(), d);
    const [outcome] = await watcher.pollAll();
    assert.equal(outcome.status, "failed");
    assert.match(log[0], new RegExp(`^crosscheck: cannot fetch ${slow}: timed out after 200 ms`));
  });

  it("does not poll a feed before the Retry-After its server asked for", async () => {
    const time = fakeTime();
    const url = `${server.base}/resting.xml`;
    const watcher = new Watcher([url], emptyState(), deps(time, [], []), { intervalMs: 60_000 });
    const [outcome] = await watcher.pollAll();
    assert.equal(outcome.error, `cannot fetch ${url}: HTTP 503 (Retry-After 86400 s)`);
    assert.equal(watcher.state.feeds[url].nextPollAt, time.now() + 86_400_000);
  });

  it("caps the back-off and jitters it with the injected random source", () => {
    const w = (r: number) =>
      new Watcher(
        [],
        emptyState(),
        { ...deps(fakeTime(), [], []), random: () => r },
        { intervalMs: 60_000 },
      );
    assert.equal(w(0).backoffMs(1), 120_000);
    assert.equal(w(0).backoffMs(3), 480_000);
    assert.equal(w(0).backoffMs(40), MAX_BACKOFF_MS);
    assert.equal(w(0.5).backoffMs(40), Math.round(MAX_BACKOFF_MS * (1 - BACKOFF_JITTER * 0.5)));
    const a = seededRandom(7);
    const b = seededRandom(7);
    assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
  });

  it("runs on schedule with the injected clock and sleep", async () => {
    const time = fakeTime();
    const watcher = new Watcher([`${server.base}/etag.xml`], emptyState(), deps(time, [], []), {
      intervalMs: 600_000,
    });
    let rounds = 0;
    await watcher.run(
      () => rounds >= 3,
      () => void rounds++,
    );
    assert.deepEqual(time.sleeps, [600_000, 600_000]);
  });

  it("replaces a teaser item by its fetched page and keeps the feed's title and date", async () => {
    const time = fakeTime();
    const emitted: RawInput[] = [];
    const watcher = new Watcher(
      [`${server.base}/teaser.xml`],
      emptyState(),
      deps(time, emitted, []),
    );
    await watcher.pollAll();
    assert.equal(emitted.length, 1);
    const [input] = emitted;
    assert.match(Buffer.from(input.bytes ?? []).toString(), /Full article/);
    assert.equal(input.html, undefined);
    assert.equal(input.origin.contentType, "text/html; charset=utf-8");
    assert.equal(input.meta?.title, "Teaser title & more");
    assert.equal(input.meta?.published, "2024-06-18T09:30:00Z");
    assert.equal(input.meta?.url, `${server.base}/article-1`);
  });
});

describe("parseDuration", () => {
  it("reads units and combinations and refuses nonsense", () => {
    assert.equal(parseDuration("15m"), 900_000);
    assert.equal(parseDuration("1h30m"), 5_400_000);
    assert.equal(parseDuration("90"), 90_000);
    assert.equal(parseDuration("soon"), null);
    assert.equal(parseDuration("5x"), null);
  });
});

describe("crosscheck watch", () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer({
      "/one.xml": (req, res) => {
        if (req.headers["if-none-match"] === '"one"') {
          res.writeHead(304);
          res.end();
          return;
        }
        res.writeHead(200, { "content-type": "application/rss+xml", etag: '"one"' });
        res.end(
          rss("Feed One", [
            { guid: "1", link: `${server.base}/1`, title: "First" },
            {
              guid: "2",
              link: `${server.base}/2`,
              title: "Second",
              body: `<p>${LONG.replace(/council/g, "senate")}</p>`,
            },
          ]),
        );
      },
      "/broken.xml": serve("this is not xml at all", { "content-type": "application/rss+xml" }),
    });
    dir = mkdtempSync(join(tmpdir(), "crosscheck-watch-"));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("polls an OPML list once, writes new items as JSONL, names the broken feed and exits 1", async () => {
    const opml = join(dir, "subs.opml");
    writeFileSync(
      opml,
      `<opml version="2.0"><body><outline text="Local"><outline xmlUrl="${server.base}/one.xml"/><outline xmlUrl="${server.base}/broken.xml"/></outline></body></opml>`,
    );
    const state = join(dir, "state.json");
    const out = join(dir, "out");
    const first = await runCli([
      "watch",
      opml,
      "--once",
      "--allow-private",
      "--state",
      state,
      "--out",
      out,
    ]);
    assert.equal(first.code, 1);
    assert.match(
      first.stderr,
      new RegExp(`crosscheck: cannot read feed ${server.base}/broken\\.xml: not a feed`),
    );
    assert.match(
      first.stderr,
      /polled 2 feeds: 2 new items from 1 feeds, 0 unchanged, 0 not modified \(304\), 1 failed/,
    );
    const files = readdirSync(out);
    assert.equal(files.length, 1);
    const lines = readFileSync(join(out, files[0]), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.title, l.outlet, l.url]),
      [
        ["First", "Feed One", `${server.base}/1`],
        ["Second", "Feed One", `${server.base}/2`],
      ],
    );
    assert.match(lines[0].html, /council approved/);
    // The JSONL is what the file door reads: the feed's metadata reaches the extracted article.
    const read = await readInputs([out]);
    const { articles } = extractBatch(read.inputs);
    assert.deepEqual(
      articles.map((a) => [a.title, a.outlet, a.published]),
      [
        ["First", "Feed One", "2024-06-18T09:30:00Z"],
        ["Second", "Feed One", "2024-06-18T09:30:00Z"],
      ],
    );

    const second = await runCli(["watch", opml, "--once", "--allow-private", "--state", state]);
    assert.equal(second.stdout, "");
    assert.match(
      second.stderr,
      /0 new items from 0 feeds, 0 unchanged, 1 not modified \(304\), 1 failed/,
    );
    const saved = JSON.parse(readFileSync(state, "utf8"));
    assert.equal(saved.feeds[`${server.base}/one.xml`].etag, '"one"');
    assert.equal(saved.feeds[`${server.base}/broken.xml`].failures, 2);
  });

  it("writes JSONL to stdout and refuses loopback without --allow-private", async () => {
    const ok = await runCli(["watch", `${server.base}/one.xml`, "--once", "--allow-private"]);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout.trim().split("\n").length, 2);
    const refused = await runCli(["watch", `${server.base}/one.xml`, "--once"]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refused: resolves to a loopback address \(127\.0\.0\.1\)/);
  });

  it("ingests new items straight into the store with --db, and only once", async () => {
    const db = join(dir, "watch.db");
    const watchDb = (...more: string[]) =>
      runCli(["watch", `${server.base}/one.xml`, "--once", "--allow-private", "--db", db, ...more]);
    const first = await watchDb();
    assert.equal(first.code, 0);
    assert.equal(first.stdout, "");
    assert.match(first.stderr, /store .*watch\.db: ingested 2, duplicates 0, failed 0/);
    assert.match(first.stderr, /seen items and validators are kept in the store .*watch\.db/);
    // No --state: the state was kept in the store, so the second run asks with the feed's
    // ETag and hands on nothing.
    const second = await watchDb();
    assert.match(second.stderr, /1 not modified \(304\)/);
    assert.match(second.stderr, /ingested 0, duplicates 0, failed 0/);
    // A fresh --state file wins over the store's: the feed is read in full, and the store
    // recognises both items.
    const third = await watchDb("--state", join(dir, "fresh-state.json"));
    assert.match(third.stderr, /ingested 0, duplicates 2, failed 0/);
    const store = await openStore(db);
    try {
      assert.equal((await store.counts()).articles, 2);
      // One record per feed, under "watch:" + the feed's URL.
      const kept = (await store.getState(storeFeedKey(`${server.base}/one.xml`)))?.data as {
        etag?: string;
        seen: string[];
      };
      assert.equal(kept.etag, '"one"');
      assert.ok(kept.seen.length >= 2);
    } finally {
      await store.close();
    }
    const both = await runCli(["watch", `${server.base}/one.xml`, "--db", db, "--out", dir]);
    assert.equal(both.code, 2);
  });

  it("rejects an unreadable interval as a usage error", async () => {
    const run = await runCli(["watch", "https://example.com/feed.xml", "--interval", "often"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--interval: cannot read "often"/);
  });
});
