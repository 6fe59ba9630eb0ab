/**
 * `crosscheck watch --db` without --state keeps one record per feed in the store, on both
 * engines: watchers of different feeds on one store keep each other's state, an older
 * single-record state is split and still read, and an unreadable state is named.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  emptyState,
  LEGACY_STORE_STATE_KEY,
  loadStoreState,
  saveStoreState,
  storeFeedKey,
} from "../src/ingest/watch/watch-state.js";
import { seededRandom, Watcher } from "../src/ingest/watch/watcher.js";
import { SafeFetcher } from "../src/ingest/fetch/safe-fetch.js";
import { openStore } from "../src/store/open-store.js";
import { startServer, type TestServer } from "./fetch-server.js";
import { runCli } from "./helpers/cli.js";
import { rawSql, storeEngines } from "./store-engines.js";

const NOW = "2024-06-20T12:00:00.000Z";
const BODY = "<p>The harbour board met to discuss the dredging contract and the fees. </p>".repeat(
  10,
);

/** An RSS feed of one item that answers 304 to its own ETag. */
function etagFeed(name: string, server: () => TestServer) {
  return (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    const etag = `"${name}-v1"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml", etag });
    res.end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${name}</title>` +
        `<item><title>Item of ${name}</title><link>${server().base}/${name}/1</link>` +
        `<guid>${name}-1</guid><description><![CDATA[${BODY.replace("harbour", name)}]]></description></item>` +
        "</channel></rss>",
    );
  };
}

let server: TestServer;
before(async () => {
  server = await startServer({
    "/a.xml": etagFeed("alpha", () => server),
    "/b.xml": etagFeed("bravo", () => server),
    "/c.xml": etagFeed("charlie", () => server),
  });
});
after(() => server.close());

const feedA = () => `${server.base}/a.xml`;
const feedB = () => `${server.base}/b.xml`;
const feedC = () => `${server.base}/c.xml`;

/** The saved state of one feed among `getStates` results (failing when it is missing). */
function saved(states: Map<string, { data: unknown }>, url: string): Record<string, unknown> {
  const state = states.get(storeFeedKey(url));
  assert.ok(state, `a state is saved for ${url}`);
  return state.data as Record<string, unknown>;
}

/** A watcher on these feeds that hands nothing on (the state is what these tests look at). */
function watcher(feeds: string[], state = emptyState()): Watcher {
  return new Watcher(feeds, state, {
    fetcher: new SafeFetcher({ allowPrivate: true }),
    now: () => Date.parse(NOW),
    sleep: async () => undefined,
    random: seededRandom(1),
    log: () => undefined,
    emit: () => undefined,
  });
}

for (const engine of await storeEngines()) {
  describe(`watch state in the store on ${engine.engine}`, { skip: engine.skip }, () => {
    after(() => engine.cleanup());

    it("keeps both states when two watchers of different feeds save in turn", async () => {
      const { store, spec } = await engine.fresh();
      const other = await openStore(spec);
      try {
        // Both load before either saves: with one record for all feeds, the second save
        // would drop the first watcher's feeds.
        const one = watcher([feedA()], await loadStoreState(store, [feedA()], NOW));
        const two = watcher(
          [feedB(), feedC()],
          await loadStoreState(other, [feedB(), feedC()], NOW),
        );
        await one.pollAll();
        await two.pollAll();
        await saveStoreState(store, [feedA()], one.state, NOW);
        await saveStoreState(other, [feedB(), feedC()], two.state, NOW);
        // A later save of the first watcher does not touch the second's feeds either.
        await one.pollAll();
        await saveStoreState(store, [feedA()], one.state, NOW);
        const states = await store.getStates([feedA(), feedB(), feedC()].map(storeFeedKey));
        assert.deepEqual([...states.keys()].sort(), [feedA(), feedB(), feedC()].map(storeFeedKey));
        const etag = (url: string) => saved(states, url).etag;
        assert.deepEqual(
          [etag(feedA()), etag(feedB()), etag(feedC())],
          ['"alpha-v1"', '"bravo-v1"', '"charlie-v1"'],
        );
        // Each watcher reads back only its own feeds.
        const back = await loadStoreState(other, [feedB()], NOW);
        assert.deepEqual(Object.keys(back.feeds), [feedB()]);
        assert.ok(back.feeds[feedB()].seen.includes("g:bravo-1"));
      } finally {
        await other.close();
      }
    });

    it("runs two `watch --db` processes of different feeds on one store, both keeping their state", async () => {
      const { spec } = await engine.fresh();
      const watch = (...feeds: string[]) =>
        runCli(["watch", ...feeds, "--once", "--allow-private", "--db", spec]);
      const [one, two] = await Promise.all([watch(feedA()), watch(feedB(), feedC())]);
      assert.equal(one.code, 0, one.stderr);
      assert.equal(two.code, 0, two.stderr);
      assert.match(one.stderr, /ingested 1, duplicates 0, failed 0/);
      assert.match(two.stderr, /ingested 2, duplicates 0, failed 0/);
      // Whatever the order of their saves, each asks with its ETags next time.
      const [again1, again2] = await Promise.all([watch(feedA()), watch(feedB(), feedC())]);
      assert.match(again1.stderr, /0 new items from 0 feeds, 0 unchanged, 1 not modified \(304\)/);
      assert.match(again2.stderr, /0 new items from 0 feeds, 0 unchanged, 2 not modified \(304\)/);
    });

    it("reads and splits the single state record an older version kept", async () => {
      const { store, spec } = await engine.fresh();
      const older = {
        version: 1,
        feeds: {
          [feedA()]: { etag: '"alpha-v1"', seen: ["g:alpha-1"], failures: 0 },
          [feedB()]: { etag: '"old-bravo"', seen: ["g:old"], failures: 2 },
        },
      };
      await store.putState(LEGACY_STORE_STATE_KEY, 0, older, NOW);
      // A newer per-feed record (saved by this version meanwhile) is kept, not overwritten.
      await store.putState(
        storeFeedKey(feedB()),
        0,
        { etag: '"bravo-v1"', seen: [], failures: 0 },
        NOW,
      );
      const run = await runCli(["watch", feedA(), "--once", "--allow-private", "--db", spec]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /0 new items from 0 feeds, 0 unchanged, 1 not modified \(304\)/);
      assert.equal(await store.getState(LEGACY_STORE_STATE_KEY), null, "the old record is gone");
      const states = await store.getStates([feedA(), feedB()].map(storeFeedKey));
      assert.deepEqual(saved(states, feedA()).seen, ["g:alpha-1"]);
      assert.equal(saved(states, feedB()).etag, '"bravo-v1"');
    });

    it("names the store (and the feed) when the state kept there is unreadable, exit 2", async () => {
      const { store, spec } = await engine.fresh();
      await store.putState(LEGACY_STORE_STATE_KEY, 0, { version: 9 }, NOW);
      const location = store.location.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const legacy = await runCli(["watch", feedA(), "--once", "--allow-private", "--db", spec]);
      assert.equal(legacy.code, 2);
      assert.match(
        legacy.stderr,
        new RegExp(
          `cannot read watch state in the store ${location}: not a crosscheck watch state`,
        ),
      );
      await rawSql(
        engine.engine,
        spec,
        `DELETE FROM pipeline_state; INSERT INTO pipeline_state (key, seq, data, updated_at) VALUES ('${storeFeedKey(feedA())}', 0, '[1, 2]', '${NOW}')`,
      );
      const perFeed = await runCli(["watch", feedA(), "--once", "--allow-private", "--db", spec]);
      assert.equal(perFeed.code, 2);
      assert.match(
        perFeed.stderr,
        new RegExp(
          `cannot read watch state in the store ${location} \\(feed ${feedA()}\\): not a crosscheck watch feed state`,
        ),
      );
      await rawSql(
        engine.engine,
        spec,
        `UPDATE pipeline_state SET data = '{"etag": ' WHERE key = '${storeFeedKey(feedA())}'`,
      );
      const broken = await runCli(["watch", feedA(), "--once", "--allow-private", "--db", spec]);
      assert.equal(broken.code, 2);
      assert.match(
        broken.stderr,
        new RegExp(
          `cannot read watch state in the store ${location}: state ${storeFeedKey(feedA())}: `,
        ),
      );
      // A watcher of another feed is not held up by it.
      const fine = await runCli(["watch", feedB(), "--once", "--allow-private", "--db", spec]);
      assert.equal(fine.code, 0, fine.stderr);
    });
  });
}
