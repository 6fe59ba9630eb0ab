/**
 * Story clustering quality on ECB+ (topics 1–22), 2-fold by topic: thresholds are tuned on one
 * half of the topics (odd or even) and reported on the other, for the online StoryClusterer and
 * the TF-IDF + average-link baseline. Articles are processed in the file's order (a stream).
 * Run: node dist/bench/cluster-ecbplus.js [path/to/ecbplus-dev]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { plainArticle } from "../src/cluster/plain-article.js";
import { clusterStories } from "../src/cluster/story-clusterer.js";
import type { Article } from "../src/model.js";
import { averageLink, similarityMatrix } from "./cluster-baseline.js";
import { type Scores, scoreClustering } from "./cluster-metrics.js";

const dir = process.argv[2] ?? join(process.cwd(), "..", "shared", "datasets", "ecbplus-dev");
const docs = readFileSync(join(dir, "docs.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; text: string });
const gold = new Map(
  readFileSync(join(dir, "gold.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; story: string; topic: number })
    .map((g) => [g.id, g]),
);

interface Item {
  article: Article;
  text: string;
  story: string;
  topic: number;
}
const items: Item[] = docs.map((d) => {
  const g = gold.get(d.id);
  if (!g) throw new Error(`no gold label for ${d.id}`);
  return {
    article: plainArticle({ id: d.id, text: d.text }),
    text: d.text,
    story: g.story,
    topic: g.topic,
  };
});

interface Params {
  t: number;
  name: number;
  number: number;
}
const ours = (split: Item[], p: Params) =>
  scoreClustering(
    clusterStories(
      split.map((x) => x.article),
      {
        joinThreshold: p.t,
        mergeThreshold: Math.max(p.t * 1.6, p.t + 0.1),
        nameBoost: p.name,
        numberBoost: p.number,
      },
    ).storyOf,
    split.map((x) => x.story),
  );

const baseline = (split: Item[], p: Params) => {
  const t = p.t;
  const sim = similarityMatrix(split.map((x) => x.text));
  return scoreClustering(
    averageLink(sim, split.length, t).map(String),
    split.map((x) => x.story),
  );
};

const NAME_GRID = (process.env.NAME_GRID ?? "1,2,3,4").split(",").map(Number);
const NUMBER_GRID = (process.env.NUMBER_GRID ?? "1,1.5,2.5").split(",").map(Number);
const GRID = Array.from({ length: 30 }, (_, i) => Math.round((0.05 + i * 0.02) * 100) / 100);

/** Grid search on the tune split; ties keep the earlier (smaller) setting. */
function tune(
  split: Item[],
  run: (s: Item[], p: Params) => Scores,
  names: number[],
  numbers: number[],
): { p: Params; s: Scores } {
  let best: { p: Params; s: Scores } | null = null;
  for (const name of names)
    for (const number of numbers)
      for (const t of GRID) {
        const p = { t, name, number };
        const s = run(split, p);
        if (!best || s.bcubedF > best.s.bcubedF) best = { p, s };
      }
  if (!best) throw new Error("empty grid");
  return best;
}

const pct = (x: number) => (100 * x).toFixed(1);
const row = (name: string, p: Params, s: Scores) =>
  `| ${name} | ${p.t.toFixed(2)}${p.name ? ` (names ×${p.name}, numbers ×${p.number})` : ""} | ${pct(s.bcubedP)} | ${pct(s.bcubedR)} | **${pct(s.bcubedF)}** | ${pct(s.pairP)} | ${pct(s.pairR)} | **${pct(s.pairF)}** | ${s.predicted} / ${s.gold} |`;

console.log(
  `ECB+ dev: ${items.length} articles, ${new Set(items.map((x) => x.story)).size} stories`,
);
console.log(
  "| method (tuned on → tested on) | threshold | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | stories pred / gold |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
const odd = items.filter((x) => x.topic % 2 === 1);
const even = items.filter((x) => x.topic % 2 === 0);
const totals = { ours: [] as Scores[], base: [] as Scores[] };
for (const [tuneName, tuneSplit, testName, testSplit] of [
  ["odd", odd, "even", even],
  ["even", even, "odd", odd],
] as const) {
  const o = tune(tuneSplit, ours, NAME_GRID, NUMBER_GRID);
  const b = tune(tuneSplit, baseline, [0], [0]);
  const os = ours(testSplit, o.p);
  const bs = baseline(testSplit, b.p);
  console.log(
    `| (tune split ${tuneName}: ours B³ F1 ${pct(o.s.bcubedF)}, baseline ${pct(b.s.bcubedF)}) | | | | | | | | |`,
  );
  totals.ours.push(os);
  totals.base.push(bs);
  console.log(row(`ours, online (${tuneName} → ${testName})`, o.p, os));
  console.log(row(`baseline TF-IDF avg-link (${tuneName} → ${testName})`, b.p, bs));
}
const mean = (list: Scores[], k: keyof Scores) => list.reduce((a, s) => a + s[k], 0) / list.length;
for (const [name, list] of [
  ["ours", totals.ours],
  ["baseline", totals.base],
] as const)
  console.log(
    `mean of the two test folds, ${name}: B³ F1 ${pct(mean(list, "bcubedF"))}, pairwise F1 ${pct(mean(list, "pairF"))}`,
  );
