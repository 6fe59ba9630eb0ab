/**
 * Story clustering on a second benchmark: the allsides-dev events (307 events, each reported by
 * three outlets of different leanings, in their own words), as one shuffled stream of 921 short
 * reports. Ours runs with its shipped defaults (chosen by bench/cluster-joint.ts, which tunes on
 * an ECB+ fold and half of these events at once: so this is not a held-out figure; the joint
 * bench reports the held-out halves) and the baseline (TF-IDF + average-link) with the threshold
 * it gets from its ECB+ tuning (0.15); an "oracle" row per method shows the best threshold on
 * this data, for reference only.
 *
 *   node dist/bench/cluster-allsides.js [--seed N]
 */
import { clusterStories, JOIN_THRESHOLD, MERGE_THRESHOLD } from "../src/cluster/story-clusterer.js";
import { loadAllsides, shuffledReports } from "./brief-common.js";
import { averageLink, baselineText, similarityMatrix } from "./cluster-baseline.js";
import { type Scores, scoreClustering, THRESHOLD_GRID as GRID } from "./cluster-metrics.js";

const args = process.argv.slice(2);
const seed = args.includes("--seed") ? Number(args[args.indexOf("--seed") + 1]) : 1;
/** The baseline's threshold as tuned on either ECB+ fold (bench/results/cluster.md §1). */
const BASELINE_ECB_THRESHOLD = 0.15;

const { articles, gold } = shuffledReports(loadAllsides(), seed);

const ours = (t: number, merge = Math.max(t * 1.6, t + 0.1)) =>
  scoreClustering(
    clusterStories(articles, { joinThreshold: t, mergeThreshold: merge }).storyOf,
    gold,
  );
const sim = similarityMatrix(articles.map(baselineText));
const baseline = (t: number) =>
  scoreClustering(averageLink(sim, articles.length, t).map(String), gold);

const oracle = (run: (t: number) => Scores) => {
  let best = { t: GRID[0], s: run(GRID[0]) };
  for (const t of GRID.slice(1)) {
    const s = run(t);
    if (s.bcubedF > best.s.bcubedF) best = { t, s };
  }
  return best;
};

const pct = (x: number) => (100 * x).toFixed(1);
const row = (name: string, t: number, s: Scores) =>
  `| ${name} | ${t.toFixed(2)} | ${pct(s.bcubedP)} | ${pct(s.bcubedR)} | **${pct(s.bcubedF)}** | ${pct(s.pairP)} | ${pct(s.pairR)} | **${pct(s.pairF)}** | ${s.predicted} / ${s.gold} |`;

console.log(
  `allsides-dev: ${articles.length} reports of ${new Set(gold).size} events, stream shuffled with seed ${seed}`,
);
console.log(
  "| method | threshold | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | stories pred / gold |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
console.log(
  row("ours, online, shipped defaults", JOIN_THRESHOLD, ours(JOIN_THRESHOLD, MERGE_THRESHOLD)),
);
console.log(
  row(
    "baseline TF-IDF avg-link, ECB+-tuned threshold",
    BASELINE_ECB_THRESHOLD,
    baseline(BASELINE_ECB_THRESHOLD),
  ),
);
const o = oracle(ours);
console.log(row("ours, oracle threshold on this data (reference only)", o.t, o.s));
const b = oracle(baseline);
console.log(row("baseline, oracle threshold on this data (reference only)", b.t, b.s));
