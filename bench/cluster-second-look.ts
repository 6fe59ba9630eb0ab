/**
 * How the end-of-batch second look's threshold is chosen (`SECOND_LOOK_RATIO`: a fraction of
 * the join threshold), the way the other defaults are (bench/cluster-joint.ts): with the shipped
 * join threshold and boosts, each ratio of a grid is scored on an ECB+ fold of topics (through
 * the extractor, as the cluster command reads it) and half the allsides events (a shuffled
 * stream); the ratio with the best mean B³ F1 on one fold + half is tested on the other fold +
 * half, and the other way round. The shipped ratio is the best mean over all four.
 *
 *   node dist/bench/cluster-second-look.js
 */
import { SECOND_LOOK_RATIO } from "../src/cluster/story-clusterer.js";
import type { Article } from "../src/model.js";
import { allsidesHalf, loadAllsides } from "./brief-common.js";
import { type Scores, scoreClustering } from "./cluster-metrics.js";
import { clusterLabels, ecbClusterItems, ecbFold, ecbPlusDir } from "./ecbplus-data.js";

interface Split {
  name: string;
  articles: (Article | null)[];
  gold: string[];
}

const items = ecbClusterItems(ecbPlusDir(process.argv[2]));
const ecb = (odd: boolean): Split => ({
  name: `ECB+ ${odd ? "odd" : "even"}`,
  ...ecbFold(items, odd),
});
const stories = loadAllsides();
const allsides = (first: boolean): Split => ({
  name: `allsides ${first ? "first" : "second"} half`,
  ...allsidesHalf(stories, first),
});
// Fold 1 pairs the odd topics with the first half, fold 2 the even topics with the second.
const folds = [
  [ecb(true), allsides(true)],
  [ecb(false), allsides(false)],
];
const RATIOS = [1, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5];
const score = new Map<string, Scores>();
for (const fold of folds)
  for (const split of fold)
    for (const r of RATIOS)
      score.set(
        `${split.name}@${r}`,
        scoreClustering(clusterLabels(split.articles, { secondLookRatio: r }), split.gold),
      );
const b3 = (split: Split, r: number) => score.get(`${split.name}@${r}`)?.bcubedF ?? 0;
const mean = (splits: Split[], r: number) =>
  splits.reduce((sum, s) => sum + b3(s, r), 0) / splits.length;
const pct = (x: number) => (100 * x).toFixed(1);
/** The ratio with the best mean B³ F1 over the splits; ties keep the larger (earlier) ratio. */
const best = (splits: Split[]) =>
  RATIOS.reduce((a, r) => (mean(splits, r) > mean(splits, a) + 1e-12 ? r : a), RATIOS[0]);

const all = folds.flat();
console.log(`| ratio | ${all.map((s) => s.name).join(" | ")} | mean |`);
console.log(`|---|${all.map(() => "---|").join("")}---|`);
for (const r of RATIOS)
  console.log(
    `| ${r} | ${all.map((s) => pct(b3(s, r))).join(" | ")} | ${(100 * mean(all, r)).toFixed(2)} |`,
  );
for (const [k, tuneOn] of folds.entries()) {
  const testOn = folds[1 - k];
  const r = best(tuneOn);
  console.log(
    `tuned on ${tuneOn.map((s) => s.name).join(" + ")}: ratio ${r}; held out: ${testOn
      .map((s) => `${s.name} ${pct(b3(s, r))} (ratio 1: ${pct(b3(s, 1))})`)
      .join(", ")}`,
  );
}
console.log(
  `tuned on all four: ratio ${best(all)} (shipped SECOND_LOOK_RATIO: ${SECOND_LOOK_RATIO})`,
);
