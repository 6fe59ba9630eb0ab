/**
 * Article-extraction accuracy and speed on the Scrapinghub benchmark (../shared/datasets/
 * article-extraction/scrapinghub): our extractor against @mozilla/readability over jsdom and
 * over linkedom, in the same run, with the benchmark's own metric (token 4-gram shingles).
 *
 *   node dist/bench/extract-accuracy.js [--only ours] [--split A|B] [--per-page]
 *
 * Split A (first hex digit of the page key 0–7) is the tuning half, B the held-out half.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { parseHTML } from "linkedom";
import { decodeBytes } from "../src/extract/decode.js";
import { extractArticle } from "../src/extract/index.js";
import { sharedPath } from "../test/helpers/shared.js";

interface Page {
  key: string;
  bytes: Uint8Array;
  html: string;
  truth: string;
  url: string;
}

type Extractor = (page: Page) => string;

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const split = args.includes("--split") ? args[args.indexOf("--split") + 1] : null;
const perPage = args.includes("--per-page");

const dir = sharedPath("datasets", "article-extraction", "scrapinghub");
const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<
  string,
  { url: string; articleBody: string }
>;
const pages: Page[] = readdirSync(join(dir, "html"))
  .filter((f) => f.endsWith(".html.gz"))
  .sort()
  .map((f) => {
    const key = f.replace(/\.html\.gz$/, "");
    const bytes = new Uint8Array(gunzipSync(readFileSync(join(dir, "html", f))));
    return {
      key,
      bytes,
      html: decodeBytes(bytes).text,
      truth: truth[key]?.articleBody ?? "",
      url: truth[key]?.url ?? "https://fake-url.com",
    };
  })
  .filter((p) => split === null || (parseInt(p.key[0], 16) < 8 ? "A" : "B") === split);

// ---- the benchmark's metric (evaluate.py of scrapinghub/article-extraction-benchmark) ----
const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;
const tokenize = (text: string) => text.match(TOKEN) ?? [];

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const sh = tokens.slice(i, i + n);
    if (sh.length === 0) continue;
    const key = sh.join("\u0001");
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function match(trueText: string, predText: string): [number, number, number] {
  const t = shingles(trueText);
  const p = shingles(predText);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [tp, fp, fn];
}

function precisionScore(tp: number, fp: number, fn: number): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}
function recallScore(tp: number, fp: number, fn: number): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

interface Scores {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
}

interface Run {
  seconds: number;
  predictions: string[];
}

function run(extract: Extractor): Run {
  const predictions: string[] = [];
  const start = process.hrtime.bigint();
  for (const page of pages) {
    let text = "";
    try {
      text = extract(page);
    } catch {
      text = "";
    }
    predictions.push(text);
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, predictions };
}

/** The benchmark's scores over the pages whose index passes `keep`. */
function score(r: Run, keep: (page: Page) => boolean): Scores {
  const idx = pages.map((_, i) => i).filter((i) => keep(pages[i]));
  const triples = idx.map((i) => match(pages[i].truth, r.predictions[i]));
  const precision = mean(
    triples.filter(([tp, fp]) => tp + fp > 0).map((x) => precisionScore(...x)),
  );
  const recall = mean(triples.filter(([tp, , fn]) => tp + fn > 0).map((x) => recallScore(...x)));
  const exact = idx.filter(
    (i) => tokenize(pages[i].truth).join(" ") === tokenize(r.predictions[i]).join(" "),
  ).length;
  return {
    f1: (2 * precision * recall) / (precision + recall),
    precision,
    recall,
    accuracy: exact / Math.max(1, idx.length),
  };
}

const half = (page: Page) => (parseInt(page.key[0], 16) < 8 ? "A" : "B");

const ours: Extractor = (page) =>
  extractArticle({
    id: page.key,
    origin: { kind: "file", name: page.key, contentType: "text/html" },
    bytes: page.bytes,
  }).paragraphs.join("\n");

const readabilityJsdom: Extractor = (page) => {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
  return new Readability(dom.window.document).parse()?.textContent ?? "";
};

const readabilityLinkedom: Extractor = (page) => {
  const { document } = parseHTML(page.html);
  // biome-ignore lint/suspicious/noExplicitAny: linkedom's Document is DOM-compatible enough
  return new Readability(document as any).parse()?.textContent ?? "";
};

const extractors: [string, Extractor][] = [
  ["crosscheck extract", ours],
  ["@mozilla/readability 0.6 + linkedom", readabilityLinkedom],
  ["@mozilla/readability 0.6 + jsdom", readabilityJsdom],
];

const runs: [string, Run][] = [];
for (const [name, fn] of extractors) {
  if (only === "ours" && fn !== ours) continue;
  runs.push([name, run(fn)]);
}

console.log(
  `pages: ${pages.length}${split ? ` (split ${split} only)` : ""}; metric: token 4-gram shingles as in scrapinghub's evaluate.py`,
);
const jsdomSeconds = runs.find(([n]) => n.endsWith("jsdom"))?.[1].seconds;
console.log(
  "| extractor | pages | F1 | precision | recall | exact | seconds | pages/s | speed vs Readability+jsdom |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
const subsets: [string, (p: Page) => boolean][] = split
  ? [[`split ${split}`, () => true]]
  : [
      ["all", () => true],
      ["A (tuning half)", (p) => half(p) === "A"],
      ["B (held out)", (p) => half(p) === "B"],
    ];
for (const [label, keep] of subsets) {
  for (const [name, r] of runs) {
    const s = score(r, keep);
    const timing =
      label === "all" || split
        ? `${r.seconds.toFixed(2)} | ${(pages.length / r.seconds).toFixed(1)} | ${jsdomSeconds ? `${(jsdomSeconds / r.seconds).toFixed(1)}×` : "–"}`
        : "| |";
    console.log(
      `| ${name} | ${label} | ${s.f1.toFixed(3)} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.accuracy.toFixed(3)} | ${timing} |`,
    );
  }
}
if (perPage) {
  const r = runs[0][1];
  pages.forEach((page, i) => {
    const t = match(page.truth, r.predictions[i]);
    const p = precisionScore(...t);
    const rc = recallScore(...t);
    if (p < 0.9 || rc < 0.9)
      console.log(`${page.key.slice(0, 12)} P=${p.toFixed(2)} R=${rc.toFixed(2)}`);
  });
}
