import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "./helpers/cli.js";

const PAGE =
  "<html><head><title>Bridge reopens after repairs | Valley Times</title></head><body>" +
  "<nav>Home | News | Sport</nav><article><h1>Bridge reopens after repairs</h1>" +
  "<p>The Old Mill bridge in Farrowby reopened to traffic on Monday after eight months of repairs, the county council said.</p>" +
  "<p>Engineers replaced 40 steel beams and resurfaced the deck, at a cost of 2.1 million pounds, council officials said.</p>" +
  "</article><footer>Copyright Valley Times</footer></body></html>";

describe("commands read URLs and feeds as well as files", () => {
  let server: Server;
  let base = "";
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === "/robots.txt") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("extracts an article URL on loopback only with --allow-private", async () => {
    const refused = await runCli(["extract", `${base}/bridge`]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /127\.0\.0\.1.*(refused|private|loopback)/i);

    const allowed = await runCli([
      "extract",
      "--allow-private",
      "--format",
      "json",
      `${base}/bridge`,
    ]);
    assert.equal(allowed.code, 0, allowed.stderr);
    const out = JSON.parse(allowed.stdout) as {
      articles: { title: string; paragraphs: string[] }[];
    };
    assert.equal(out.articles[0].title, "Bridge reopens after repairs");
    assert.ok(out.articles[0].paragraphs.some((p) => p.includes("40 steel beams")));
  });

  it("reads a local RSS file as one input per item", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crosscheck-feed-"));
    const feed = join(dir, "valley.rss");
    const item = (n: number, text: string) =>
      `<item><guid>item-${n}</guid><title>Item ${n}</title><link>https://valley.example/${n}</link>` +
      `<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate><description><![CDATA[<p>${text}</p>]]></description></item>`;
    writeFileSync(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Times</title><link>https://valley.example/</link>` +
        item(
          1,
          "The Old Mill bridge in Farrowby reopened to traffic on Monday after eight months of repairs, the county council said. Engineers replaced 40 steel beams.",
        ) +
        item(
          2,
          "Farrowby's library will extend its opening hours from April, the council said on Monday, after a survey of 1,200 residents.",
        ) +
        "</channel></rss>",
    );
    const run = await runCli(["extract", "--format", "jsonl", feed]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { title: string; outlet: string; published: string });
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((l) => l.title),
      ["Item 1", "Item 2"],
    );
    assert.equal(lines[0].outlet, "Valley Times");
    assert.match(lines[0].published, /^2025-03-03T09:00:00/);
  });
});
