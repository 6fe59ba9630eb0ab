import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readAnyInputs } from "../src/ingest/feeds/read-any-inputs.js";
import { isFeedOrUrl, readFeedInputs } from "../src/ingest/feeds/read-feed-inputs.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { serve, startServer, type TestServer } from "./fetch-server.js";

const fixtures = join(REPO_ROOT, "test", "fixtures", "feeds");
const allowPrivate = { fetch: { allowPrivate: true } };

describe("feed and URL inputs", () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer({
      "/article.html": serve("<html><body><p>An article.</p></body></html>", {
        "content-type": "text/html; charset=windows-1252",
      }),
      "/summaries.atom": (_req, res) => {
        res.writeHead(200, { "content-type": "application/atom+xml" });
        res.end(
          `<feed xmlns="http://www.w3.org/2005/Atom"><title>Summaries</title>` +
            `<entry><id>s1</id><title>One</title><link href="${server.base}/article.html"/><summary>Short…</summary></entry>` +
            `<entry><id>s2</id><title>Two</title><link href="${server.base}/missing.html"/><summary>Also short</summary></entry></feed>`,
        );
      },
    });
    dir = mkdtempSync(join(tmpdir(), "crosscheck-feeds-"));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("tells feed files and URLs from other inputs", () => {
    const jsonFeed = join(dir, "feed.json");
    writeFileSync(jsonFeed, '{"version":"https://jsonfeed.org/version/1.1","items":[]}');
    const other = join(dir, "data.json");
    writeFileSync(other, '{"a":1}');
    assert.equal(isFeedOrUrl("https://example.com/story"), true);
    assert.equal(isFeedOrUrl("subs.opml"), true);
    assert.equal(isFeedOrUrl("news.rss.gz"), true);
    assert.equal(isFeedOrUrl(jsonFeed), true);
    assert.equal(isFeedOrUrl(other), false);
    assert.equal(isFeedOrUrl("story.html"), false);
  });

  it("reads a feed file into one input per item without fetching anything", async () => {
    const file = join(fixtures, "rss2.xml");
    const { inputs, errors } = await readFeedInputs(file, { fetchPages: false });
    assert.deepEqual(errors, []);
    assert.equal(inputs.length, 3);
    assert.equal(inputs[0].origin.name, `${file}#gazette-1001`);
    assert.equal(new Set(inputs.map((i) => i.id)).size, 3);
  });

  it("fetches a plain article URL as bytes with its HTTP content type", async () => {
    const { inputs, errors } = await readFeedInputs(`${server.base}/article.html`, allowPrivate);
    assert.deepEqual(errors, []);
    assert.equal(inputs.length, 1);
    assert.deepEqual(inputs[0].origin, {
      kind: "url",
      name: `${server.base}/article.html`,
      contentType: "text/html; charset=windows-1252",
    });
    assert.equal(inputs[0].id, "127-0-0-1-article");
    assert.match(Buffer.from(inputs[0].bytes ?? []).toString(), /An article/);
  });

  it("fetches the pages of teaser items and keeps the summary when a page fails", async () => {
    const { inputs, errors } = await readFeedInputs(`${server.base}/summaries.atom`, allowPrivate);
    assert.deepEqual(errors, []);
    assert.equal(inputs.length, 2);
    assert.match(Buffer.from(inputs[0].bytes ?? []).toString(), /An article/);
    assert.equal(inputs[0].meta?.title, "One");
    assert.equal(inputs[1].bytes, undefined);
    assert.equal(inputs[1].text, "Also short");
    assert.match(
      inputs[1].diagnostics?.at(-1)?.message ?? "",
      /kept the feed's summary: cannot fetch: HTTP 404/,
    );
  });

  it("names a refused URL and a missing file in its errors", async () => {
    const refused = await readFeedInputs(`${server.base}/article.html`);
    assert.deepEqual(refused.errors, [
      {
        input: `${server.base}/article.html`,
        message: "cannot fetch: refused: resolves to a loopback address (127.0.0.1)",
      },
    ]);
    const empty = join(dir, "empty.rss");
    writeFileSync(empty, "<rss><channel><title>Nothing</title></channel></rss>");
    assert.deepEqual((await readFeedInputs(empty)).errors, [
      { input: empty, message: "the RSS feed lists no items" },
    ]);
    const missing = await readFeedInputs(join(dir, "nope.rss"));
    assert.equal(missing.errors[0].message, "no such file or directory");
  });

  it("hands on a page saved under a feed-like name as a plain file, and refuses binary data", async () => {
    const page = join(dir, "page.xml");
    writeFileSync(page, "<html><body>hi</body></html>");
    const read = await readFeedInputs(page);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.inputs[0].origin, { kind: "file", name: page });
    assert.equal(read.inputs[0].id, "page");
    const binary = join(dir, "blob.rss");
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255]));
    assert.match((await readFeedInputs(binary)).errors[0].message, /binary data/);
  });

  it("mixes plain files, feed files and URLs in argument order with batch-unique ids", async () => {
    const txt = join(dir, "127-0-0-1-article.txt");
    writeFileSync(txt, "A plain text article.");
    const { inputs, errors } = await readAnyInputs(
      [txt, join(fixtures, "rss1.rdf"), `${server.base}/article.html`],
      { ...allowPrivate, fetchPages: false },
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(
      inputs.map((i) => [i.origin.kind, i.id]),
      [
        ["file", "127-0-0-1-article"],
        ["feed", inputs[1].id],
        ["feed", inputs[2].id],
        ["url", "127-0-0-1-article~2"],
      ],
    );
    assert.equal(inputs[3].diagnostics?.[0].code, "id-renamed");
  });

  it("reads every feed of an OPML file and names the ones that fail", async () => {
    const opml = join(dir, "list.opml");
    writeFileSync(
      opml,
      `<opml><body><outline text="x"><outline xmlUrl="${server.base}/summaries.atom"/></outline><outline xmlUrl="${server.base}/none.xml"/></body></opml>`,
    );
    const { inputs, errors } = await readFeedInputs(opml, { ...allowPrivate, fetchPages: false });
    assert.equal(inputs.length, 2);
    assert.deepEqual(errors, [
      { input: `${server.base}/none.xml`, message: "cannot fetch: HTTP 404" },
    ]);
  });
});
