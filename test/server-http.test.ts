/**
 * The API over a real socket: the node:http adapter on an ephemeral port of 127.0.0.1, and the
 * `crosscheck serve` command as a child process.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Brief } from "../src/model.js";
import { SafeFetcher } from "../src/ingest/fetch/safe-fetch.js";
import { createApp } from "../src/server/app.js";
import { type Listening, listen } from "../src/server/node-adapter.js";
import type { StorySummary } from "../src/store/store.js";
import { VERSION } from "../src/version.js";
import { call, ingestDemo, type TempStore, tempStore } from "./helpers/server.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { storeEngines } from "./store-engines.js";

const TOKEN = "socket-token-456";

/** A GET with the path sent exactly as given (no client-side normalisation of "..", "%2e"). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("HTTP API on a real server", () => {
  let temp: TempStore;
  let server: Listening;
  let story: StorySummary;

  before(async () => {
    temp = await tempStore();
    story = await ingestDemo(temp.store);
    server = await listen(createApp({ store: temp.store, token: TOKEN }), { port: 0 });
  });
  after(async () => {
    await server.close();
    await temp.cleanup();
  });

  it("binds 127.0.0.1 on an ephemeral port", () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.port > 0);
  });

  it("answers the stories list and a story's brief as JSON with the version", async () => {
    const list = await fetch(`${server.url}/api/stories`);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get("content-type"), "application/json; charset=utf-8");
    const body = (await list.json()) as { generator: { version: string }; stories: StorySummary[] };
    assert.equal(body.generator.version, VERSION);
    assert.ok(body.stories.some((s) => s.id === story.id));
    const brief = (await (
      await fetch(`${server.url}/api/stories/${encodeURIComponent(story.id)}`)
    ).json()) as Brief;
    assert.equal(brief.id, story.id);
    assert.equal(brief.sources.length, story.size);
  });

  it("ingests text/plain and JSON with the Bearer token and reports each outcome", async () => {
    const plain = await fetch(
      `${server.url}/api/ingest?title=${encodeURIComponent("Bridge reopens")}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
        body: "The Old Mill bridge in Tarrowby reopened on Friday after a two-year repair.",
      },
    );
    assert.equal(plain.status, 200);
    const out = (await plain.json()) as {
      summary: { ingested: number };
      results: { status: string; articleId: string }[];
    };
    assert.equal(out.summary.ingested, 1);
    assert.equal(out.results[0].articleId, "bridge-reopens");
    const again = await fetch(`${server.url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        articles: [
          {
            title: "Bridge reopens",
            text: "The Old Mill bridge in Tarrowby reopened on Friday after a two-year repair.",
          },
        ],
      }),
    });
    const dup = (await again.json()) as { summary: { duplicates: number } };
    assert.equal(dup.summary.duplicates, 1);
    const article = (await (await fetch(`${server.url}/api/articles/bridge-reopens`)).json()) as {
      article: { title: string };
      sentences: { text: string }[];
    };
    assert.equal(article.article.title, "Bridge reopens");
    assert.equal(article.sentences.length, 1);
  });

  it("answers 413 to a body over 5 MB without reading it all", async () => {
    const res = await fetch(`${server.url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ articles: [{ text: "y".repeat(6 * 1024 * 1024) }] }),
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "too-large");
    const form = await fetch(`${server.url}/add`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `text=${"z".repeat(6 * 1024 * 1024)}`,
    });
    assert.equal(form.status, 413);
    assert.match(await form.text(), /<h1>Error 413<\/h1><p>request body is larger than 5 MB/);
  });

  it("never serves a file outside its static set, for raw and encoded traversal paths", async () => {
    for (const path of [
      "/static/../package.json",
      "/static/%2e%2e/package.json",
      "/static/%2E%2E/%2E%2E/package.json",
      "/static/..%2fpackage.json",
      "/static/..%5c..%5cpackage.json",
      "/static/....//package.json",
      "/../../../etc/passwd",
    ]) {
      const res = await rawGet(server.url, path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes('"devDependencies"') && !res.body.includes("root:"), path);
    }
    assert.equal((await rawGet(server.url, "/static/app.css")).status, 200);
  });

  it("answers 304 to a revalidation of an unchanged story", async () => {
    const path = `${server.url}/stories/${encodeURIComponent(story.id)}`;
    const first = await fetch(path);
    assert.equal(first.status, 200);
    const etag = first.headers.get("etag") ?? "";
    await first.text();
    const again = await fetch(path, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), etag);
    assert.equal(await again.text(), "");
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await fetch(`${server.url}/api/stories`, { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "");
  });
});

describe("crosscheck serve", () => {
  it("prints its URL for --port 0, serves read-only without a token, and stops on SIGTERM", async () => {
    const temp = await tempStore();
    await ingestDemo(temp.store);
    await temp.store.close();
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "bin", "crosscheck.js"), "serve", "--db", temp.path, "--port", "0"],
      { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    // Listened for from the start, so an early exit is seen (and the test fails, not hangs).
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += String(c)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c) => {
          out += String(c);
          const m = /^(http:\/\/127\.0\.0\.1:\d+)\/\n/.exec(out);
          if (m) resolve(m[1]);
        });
        exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const res = await fetch(`${url}/api/ingest`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"articles":[{"text":"x"}]}',
      });
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, "read-only");
      assert.equal((await fetch(`${url}/`)).status, 200);
    } finally {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await temp.cleanup().catch(() => {});
      assert.equal(code, 0, stderr);
    }
  });

  it("refuses a bad --port with a usage error", async () => {
    const { runCli } = await import("./helpers/cli.js");
    const res = await runCli(["serve", "--port", "99999", "--db", ":memory:"]);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /--port must be a whole number from 0 to 65535/);
  });
});

describe("web app on each store engine", async () => {
  const engines = await storeEngines();
  for (const engine of engines) {
    it(`serves the demo story's brief, sources and cache from ${engine.engine}`, {
      skip: engine.skip,
    }, async () => {
      try {
        const { store } = await engine.fresh();
        const story = await ingestDemo(store);
        const app = createApp({ store, token: TOKEN });
        const path = `/api/stories/${encodeURIComponent(story.id)}`;
        const brief = (await (await call(app, path)).json()) as Brief;
        assert.equal(brief.sources.length, story.size);
        assert.ok(brief.facts.length > 0);
        assert.ok((await store.counts()).briefs >= 4);
        assert.equal((await call(app, `${path}/sources`)).status, 200);
        // An id with a slash, a space and a non-ASCII letter round-trips through the URL.
        const res = await call(app, "/api/ingest", {
          method: "POST",
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify({
            articles: [
              { id: "odd/id ü", text: "Harbour lights were switched off at midnight in Sellow." },
            ],
          }),
        });
        assert.equal(
          ((await res.json()) as { results: { articleId: string }[] }).results[0].articleId,
          "odd/id ü",
        );
        const page = await call(app, `/articles/${encodeURIComponent("odd/id ü")}`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /Harbour lights were switched off/);
      } finally {
        await engine.cleanup();
      }
    });
  }
});

describe("ingest by URL", () => {
  let temp: TempStore;
  let origin: Listening;

  before(async () => {
    temp = await tempStore();
    // A news site on loopback: one article page and a robots.txt that allows everything.
    origin = await listen(
      async (req) => {
        const path = new URL(req.url).pathname;
        if (path === "/robots.txt") return new Response("User-agent: *\nAllow: /\n");
        if (path === "/news/tram-line.html") {
          return new Response(
            "<html><head><title>Tram line opens in Morvale</title></head><body><article><h1>Tram line opens in Morvale</h1>" +
              "<p>The new tram line between Morvale station and the harbour opened on Saturday after three years of work.</p>" +
              "<p>The city council said 12,000 passengers used it on the first day.</p></article></body></html>",
            { headers: { "content-type": "text/html; charset=utf-8" } },
          );
        }
        return new Response("not here", { status: 404 });
      },
      { port: 0 },
    );
  });
  after(async () => {
    await origin.close();
    await temp.cleanup();
  });

  const post = (app: ReturnType<typeof createApp>, body: unknown) =>
    call(app, "/api/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("fetches an article given only by its URL and stores it with the id the client chose", async () => {
    const app = createApp({
      store: temp.store,
      token: TOKEN,
      fetcher: new SafeFetcher({ allowPrivate: true }),
    });
    const res = await post(app, {
      articles: [{ id: "tram", url: `${origin.url}/news/tram-line.html`, published: "2025-03-01" }],
    });
    assert.equal(res.status, 200);
    const out = (await res.json()) as { results: { status: string; articleId: string }[] };
    assert.deepEqual(
      out.results.map((r) => [r.status, r.articleId]),
      [["stored", "tram"]],
    );
    const article = (await (await call(app, "/api/articles/tram")).json()) as {
      article: { title: string; published: string };
    };
    assert.match(article.article.title, /Tram line opens in Morvale/);
    assert.equal(article.article.published, "2025-03-01");
    const missing = await post(app, { articles: [{ url: `${origin.url}/news/gone.html` }] });
    const failed = (await missing.json()) as { results: { status: string; message: string }[] };
    assert.equal(failed.results[0].status, "failed");
    assert.match(failed.results[0].message, /404/);
  });

  it("refuses to fetch private addresses by default (no server-side request forgery)", async () => {
    const app = createApp({ store: temp.store, token: TOKEN });
    const res = await post(app, { articles: [{ url: `${origin.url}/news/tram-line.html` }] });
    assert.equal(res.status, 200);
    const out = (await res.json()) as { results: { status: string; message: string }[] };
    assert.equal(out.results[0].status, "failed");
    assert.match(out.results[0].message, /refused/);
    const bad = await post(app, { articles: [{ url: "file:///etc/passwd" }] });
    assert.equal(bad.status, 400);
  });
});
