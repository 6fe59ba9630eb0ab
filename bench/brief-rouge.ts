/**
 * Lead quality on allsides-dev: ROUGE-1/2/L F (stemmed) of the brief's lead against the
 * editors' roundup, at each roundup's own length, beside two baselines in the same run.
 * Lead weights are grid-searched on the first half of the lines and reported on the second.
 * Run: npx tsc -p . && node dist/bench/brief-rouge.js
 * BRIEF_GRID=0 skips the weight search; BRIEF_SPLIT=tune prints the tuning half only (for
 * work in progress, so the held-out half is looked at only when a change is final).
 */
import { statementText } from "../src/analyse/statement.js";
import { buildBriefWork } from "../src/brief/build-brief.js";
import {
  LEAD_SLACK_WORDS,
  LEAD_WEIGHTS,
  MMR_LAMBDA,
  POSITION_HALF_LIFE,
  pickLead,
} from "../src/analyse/lead.js";
import type { FactCandidate } from "../src/analyse/facts.js";
import { words } from "../src/text/tokens.js";
import {
  centroidLead,
  firstSentencesLead,
  loadAllsides,
  meanRouge,
  type Rouge,
  rouge,
  type Story,
} from "./brief-common.js";

/**
 * The overshoot cost given to the reference centroid lead (scores are cosines in [0, 1]):
 * the best of 0.1-1 on the tuning half, so the reference is as strong as the rule makes it.
 */
const CENTROID_OVERSHOOT = 0.5;

interface Prepared {
  story: Story;
  budget: number;
  facts: FactCandidate[];
  families: number;
  titles: string[];
}

interface Config {
  title: number;
  support: number;
  centroid: number;
  position: number;
  garble: number;
  opener: number;
  overshoot: number;
  lambda: number;
  halfLife: number;
}

function leadText(p: Prepared, c: Config): string {
  return (
    pickLead(p.facts, p.families, {
      words: p.budget,
      weights: {
        support: c.support,
        centroid: c.centroid,
        position: c.position,
        title: c.title,
        garble: c.garble,
        opener: c.opener,
        overshoot: c.overshoot,
      },
      titles: p.titles,
      lambda: c.lambda,
      halfLife: c.halfLife,
    })
      // The lead's own wording (buildLead): wire datelines stripped.
      .map((u) => statementText(u.sentence.text).trim())
      .join(" ")
  );
}

const BOOTSTRAP_SAMPLES = 2000;

/** Mean of per-story differences, and the share of bootstrap resamples with a positive mean. */
function pairedBootstrap(diffs: number[]): { mean: number; pBetter: number } {
  const n = diffs.length;
  const mean = diffs.reduce((s, x) => s + x, 0) / Math.max(1, n);
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  let better = 0;
  for (let b = 0; b < BOOTSTRAP_SAMPLES; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[Math.floor(next() * n)];
    if (sum > 0) better++;
  }
  return { mean, pBetter: n > 0 ? better / BOOTSTRAP_SAMPLES : 0 };
}

const fmt = (r: Rouge) =>
  `${(100 * r.r1).toFixed(2)} | ${(100 * r.r2).toFixed(2)} | ${(100 * r.rl).toFixed(2)}`;

function main(): void {
  const stories = loadAllsides();
  const prepared: Prepared[] = stories.map((story) => ({
    story,
    budget: Math.max(10, words(story.target).length),
    facts: buildBriefWork(story.articles, story.families, {}).facts,
    families: story.families.length,
    titles: story.articles.map((a) => a.title).filter((t): t is string => t !== null),
  }));
  const half = Math.ceil(prepared.length / 2);
  const tune = prepared.slice(0, half);
  const tuneOnly = process.env.BRIEF_SPLIT === "tune";
  const test = tuneOnly ? [] : prepared.slice(half);
  const score = (set: Prepared[], c: Config) =>
    meanRouge(set.map((p) => rouge(leadText(p, c), p.story.target)));

  const current: Config = {
    ...LEAD_WEIGHTS,
    lambda: MMR_LAMBDA,
    halfLife: POSITION_HALF_LIFE,
  };
  let best = current;
  let bestScore = -1;
  // BRIEF_GRID=0 skips the search (quick check of the constants).
  const grid = process.env.BRIEF_GRID !== "0";
  if (grid)
    for (const title of [1, 1.5, 2])
      for (const support of [1, 1.5, 2])
        for (const centroid of [1, 1.5, 2])
          for (const position of [0.1, 0.25, 0.5])
            for (const lambda of [0.8, 0.9, 0.95])
              for (const halfLife of [2, 4, 6]) {
                const c: Config = {
                  title,
                  support,
                  centroid,
                  position,
                  garble: LEAD_WEIGHTS.garble,
                  opener: LEAD_WEIGHTS.opener,
                  overshoot: LEAD_WEIGHTS.overshoot,
                  lambda,
                  halfLife,
                };
                const r = score(tune, c);
                const s = (r.r1 + r.r2) / 2;
                if (s > bestScore + 1e-9) {
                  best = c;
                  bestScore = s;
                }
              }

  // The overshoot cost (words past the budget, as a share of it) on its own, other weights at
  // their constants: it changes which sentences fit, so it is swept apart from the grid.
  const sweep: string[] = [];
  if (grid)
    for (const overshoot of [0, 0.5, 1, 1.5, 2, 3]) {
      const r = score(tune, { ...current, overshoot });
      sweep.push(`overshoot ${overshoot}: tune ${fmt(r)}`);
    }

  const rows: [string, (p: Prepared) => string][] = [
    ["crosscheck lead (constants in src/analyse/lead.ts)", (p) => leadText(p, current)],
    ["crosscheck lead (best on tuning half)", (p) => leadText(p, best)],
    [
      "baseline: first sentences round-robin",
      (p) => firstSentencesLead(p.story.articles, p.budget, LEAD_SLACK_WORDS),
    ],
    [
      "baseline: TF-IDF centroid",
      (p) => centroidLead(p.story.articles, p.budget, LEAD_SLACK_WORDS),
    ],
    [
      `reference: TF-IDF centroid with overshoot cost ${CENTROID_OVERSHOOT}`,
      (p) => centroidLead(p.story.articles, p.budget, LEAD_SLACK_WORDS, CENTROID_OVERSHOOT),
    ],
  ];
  const out: string[] = [];
  out.push(
    `allsides-dev: ${prepared.length} stories; tuning half = lines 1-${half}, test half = lines ${half + 1}-${prepared.length}`,
  );
  out.push(
    `lead length = each roundup's own length in words (mean ${(prepared.reduce((s, p) => s + p.budget, 0) / prepared.length).toFixed(1)}), overshoot ≤ ${LEAD_SLACK_WORDS} words for every system`,
  );
  out.push(`best on tuning half: ${JSON.stringify(best)}`);
  out.push(`current constants:   ${JSON.stringify(current)}`);
  if (sweep.length > 0)
    out.push("overshoot sweep (R-1 | R-2 | R-L):", ...sweep.map((l) => `  ${l}`));
  out.push("");
  out.push("| system | split | ROUGE-1 F | ROUGE-2 F | ROUGE-L F | mean words |");
  out.push("|---|---|---|---|---|---|");
  const splits: [string, Prepared[]][] = tuneOnly
    ? [["tune", tune]]
    : [
        ["tune", tune],
        ["test", test],
        ["all", prepared],
      ];
  // Per-story scores, kept for the paired comparison below.
  const perStory = new Map<string, Rouge[]>();
  for (const [name, fn] of rows) {
    for (const [split, set] of splits) {
      const texts = set.map(fn);
      const scores = set.map((p, i) => rouge(texts[i], p.story.target));
      perStory.set(`${name}|${split}`, scores);
      const r = meanRouge(scores);
      const meanWords = texts.reduce((s, t) => s + words(t).length, 0) / Math.max(1, texts.length);
      out.push(`| ${name} | ${split} | ${fmt(r)} | ${meanWords.toFixed(1)} |`);
    }
  }
  out.push("");
  out.push(
    `Paired bootstrap (${BOOTSTRAP_SAMPLES} resamples of the stories, fixed seed): mean per-story difference lead (constants) − system, in points, and the share of resamples where the lead's mean is higher.`,
  );
  out.push("");
  out.push("| vs system | split | ΔR-1 (P) | ΔR-2 (P) | ΔR-L (P) |");
  out.push("|---|---|---|---|---|");
  for (const [name] of rows.slice(2)) {
    for (const [split] of splits) {
      const ours = perStory.get(`${rows[0][0]}|${split}`)!;
      const theirs = perStory.get(`${name}|${split}`)!;
      const cells = (["r1", "r2", "rl"] as const).map((k) => {
        const d = ours.map((r, i) => r[k] - theirs[i][k]);
        const { mean, pBetter } = pairedBootstrap(d);
        return `${mean >= 0 ? "+" : ""}${(100 * mean).toFixed(2)} (${pBetter.toFixed(3)})`;
      });
      out.push(`| ${name} | ${split} | ${cells.join(" | ")} |`);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

main();
