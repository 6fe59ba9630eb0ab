/**
 * Feed parsing speed: items per second for a generated 10,000-item RSS 2.0 feed and Atom feed,
 * against baselines in the same run: a naive regex split (no entities, CDATA or namespaces: a
 * floor, not a parser), linkedom's XML DOMParser, and htmlparser2's own parseFeed.
 * Run: npx tsc -p . && node dist/bench/feeds-parse.js
 */
import { parseFeed as htmlparser2Feed } from "htmlparser2";
import { DOMParser } from "linkedom";
import { parseFeed } from "../src/ingest/feeds/parse-feed.js";

const ITEMS = 10_000;
const RUNS = 7;

function paragraph(i: number): string {
  return `<p>Item ${i}: the council met on Tuesday &amp; approved the budget for schools, roads and the harbour after a long debate.</p>`.repeat(
    4,
  );
}

function makeRss(): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    items.push(
      `<item><title>Story number ${i} &amp;amp; more</title><link>/news/${i}</link><guid isPermaLink="false">id-${i}</guid>` +
        `<pubDate>Tue, 18 Jun 2024 09:${String(i % 60).padStart(2, "0")}:00 EST</pubDate><dc:creator>Reporter ${i % 50}</dc:creator>` +
        `<category>World</category><description>Summary ${i}…</description><content:encoded><![CDATA[${paragraph(i)}]]></content:encoded></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench Gazette</title><link>https://bench.example/</link>${items.join("")}</channel></rss>`;
}

function makeAtom(): string {
  const entries: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    entries.push(
      `<entry><title type="html">Story number ${i} &amp;amp; more</title><link rel="alternate" href="news/${i}"/><id>tag:bench.example,2024:${i}</id>` +
        `<published>2024-06-18T09:${String(i % 60).padStart(2, "0")}:00+02:00</published><author><name>Reporter ${i % 50}</name></author>` +
        `<category term="world"/><content type="html">${paragraph(i).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</content></entry>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://bench.example/"><title>Bench Atom</title>${entries.join("")}</feed>`;
}

/** The floor: split on item tags and pull three fields by regex (wrong on CDATA/entities/namespaces). */
function naiveRegex(xml: string, tag: "item" | "entry"): number {
  const parts = xml.split(`<${tag}>`).slice(1);
  let n = 0;
  for (const part of parts) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/.exec(part)?.[1];
    const link = /<link[^>]*?(?:href="([^"]*)"[^>]*\/>|>([\s\S]*?)<\/link>)/.exec(part);
    const body = /<(?:content:encoded|content)[^>]*>([\s\S]*?)<\/(?:content:encoded|content)>/.exec(
      part,
    )?.[1];
    if (title !== undefined && link && body !== undefined) n++;
  }
  return n;
}

function linkedomXml(xml: string, tag: "item" | "entry"): number {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  let n = 0;
  for (const el of doc.querySelectorAll(tag)) {
    const title = el.querySelector("title")?.textContent;
    const body =
      el.querySelector(tag === "item" ? "content\\:encoded" : "content")?.textContent ??
      el.lastElementChild?.textContent;
    if (title !== undefined && body !== undefined) n++;
  }
  return n;
}

function htmlparser2Builtin(xml: string): number {
  return htmlparser2Feed(xml, { xmlMode: true })?.items.length ?? 0;
}

/** Median ms per parser; runs are interleaved (A B C D, A B C D, …) so machine noise hits all alike. */
function timeAll(fns: Record<string, () => number>): Record<string, { ms: number; items: number }> {
  const samples: Record<string, number[]> = {};
  const items: Record<string, number> = {};
  for (const [name, fn] of Object.entries(fns)) {
    fn(); // warm-up
    samples[name] = [];
  }
  for (let r = 0; r < RUNS; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t0 = process.hrtime.bigint();
      items[name] = fn();
      samples[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const out: Record<string, { ms: number; items: number }> = {};
  for (const name of Object.keys(fns)) {
    const sorted = samples[name].sort((a, b) => a - b);
    out[name] = { ms: sorted[Math.floor(RUNS / 2)], items: items[name] };
  }
  return out;
}

const feeds = { RSS: makeRss(), Atom: makeAtom() };
console.log(
  `# feeds-parse: ${ITEMS} items per feed, median of ${RUNS} interleaved runs (after one warm-up each)`,
);
console.log("| feed | parser | MB | items | median ms | items/s | its time ÷ crosscheck's |");
console.log("|---|---|---:|---:|---:|---:|---:|");
for (const [name, xml] of Object.entries(feeds)) {
  const tag = name === "RSS" ? "item" : "entry";
  const results = timeAll({
    "crosscheck parseFeed": () => parseFeed(xml, "https://bench.example/feed").items.length,
    "htmlparser2 parseFeed": () => htmlparser2Builtin(xml),
    "linkedom DOMParser (text/xml)": () => linkedomXml(xml, tag),
    "naive regex split (floor)": () => naiveRegex(xml, tag),
  });
  const ours = results["crosscheck parseFeed"];
  const mb = (Buffer.byteLength(xml) / 1e6).toFixed(1);
  for (const [parser, r] of Object.entries(results)) {
    const rate = Math.round((r.items / r.ms) * 1000);
    const ratio = (r.ms / ours.ms).toFixed(2);
    console.log(
      `| ${name} | ${parser} | ${mb} | ${r.items} | ${r.ms.toFixed(0)} | ${rate} | ${ratio} |`,
    );
  }
}
