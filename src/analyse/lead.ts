/**
 * The lead: a short neutral summary built from whole sentences of the best-supported, most
 * central facts, picked MMR-style (score minus redundancy with what is already chosen) up
 * to a word budget, then put in reading order.
 */
import { terms, words } from "../text/tokens.js";
import { type FactCandidate, statementText } from "./facts.js";
import { balanceQuotes } from "./quote-passage.js";
import { similarity, type Unit } from "./story-index.js";

/** Lead length in words when none is asked for (a wire-style first paragraph). */
export const DEFAULT_LEAD_WORDS = 80;

/**
 * Scoring weights, chosen by grid search (bench/brief-rouge.ts) on the first half of
 * allsides-dev (lines 1-154) for the mean of ROUGE-1 and ROUGE-2 F of the lead against the
 * editors' roundup; reported on the second half (bench/results/brief.md).
 */
export const LEAD_WEIGHTS = {
  /** Share of the story's families that state the fact. */
  support: 1.5,
  /** Cosine of the sentence with the story's centroid (what the story is about). */
  centroid: 1.5,
  /** Earliness in its source (news puts the essentials first). */
  position: 0.1,
  /** Cosine of the sentence with the sources' headlines (what the editors thought it was about). */
  title: 1.5,
  /** Garbled wording is penalised, it makes a bad lead. */
  garble: 3.0,
  /**
   * Weight of the opener score (how many families carry the statement near their top, and
   * whether it says who/where/when) when choosing which chosen sentence opens the lead; 0 =
   * the lead is in reading order.
   */
  opener: 1.0,
  /**
   * Cost of the words a sentence would add beyond the budget, as a share of the budget, in
   * the MMR step: the lead is a budgeted summary, and a sentence that spills over crowds out
   * the rest (every word past the budget dilutes it). With it the pick prefers, near the end
   * of the budget, a sentence that fits over a slightly better one that overshoots, and on a
   * short budget a first sentence that fits. 1 chosen on the allsides tuning half (sweep
   * 0-3; R-1/R-2 41.74/16.30 → 42.73/17.87 at 1; 0.5 and 1.5 gave about half the gain).
   */
  overshoot: 1.0,
};
/**
 * Body-sentence rank at which a family's vote for an opener has halved: news puts the
 * who/what/where/when in the first one or two sentences.
 */
const OPENER_HALF_LIFE = 1.5;
/** Opener bonus per kind of answer the sentence gives: a name (who/where), a date (when). */
const OPENER_WH_BONUS = 0.15;
/** MMR trade-off: 1 = score only, 0 = novelty only (tuned with LEAD_WEIGHTS). */
export const MMR_LAMBDA = 0.95;
/** Sentence position (0-based) at which the position bonus has halved (tuned with LEAD_WEIGHTS). */
export const POSITION_HALF_LIFE = 4;
/** A lead may overshoot its budget by this many words to end on a sentence boundary. */
export const LEAD_SLACK_WORDS = 12;
/**
 * Whether sentences that open with a quote mark are kept out of the lead. Off: on the allsides
 * tuning half, keeping them out lowered ROUGE-1 F by 0.2 (roundups often restate a quote).
 */
const EXCLUDE_QUOTES = false;
/** Sentences with fewer words are not lead material. */
const MIN_LEAD_SENTENCE_WORDS = 6;
/**
 * Sentences with more words are not lead material (run-ons, garbled merges). 80 rather than
 * 60: on the allsides tuning half, R-1/R-2 +0.09/+0.08 (long news sentences often carry the
 * whole who/what/where).
 */
const MAX_LEAD_SENTENCE_WORDS = 80;

/**
 * A sentence that leans on the one before it: it opens with a conjunction ("But", "And",
 * "Still") or a pronoun or demonstrative standing for something named earlier ("He", "They",
 * "This", "Its"). It can follow in the lead but should not open it.
 */
const LEANS_BACK =
  /^(?:But|And|Or|So(?! far)|Yet|Still|However|Also|Meanwhile|He|She|It|They|We|His|Her|Its|Their|(?:This|That)(?! (?:week|month|year|morning|afternoon|evening|weekend)\b)|These|Those|Such)\b(?![-'’])/;

/** Whether a sentence (after its wire dateline) opens by leaning on an earlier one. */
export function leansBack(sentence: string): boolean {
  return LEANS_BACK.test(statementText(sentence).replace(/^[\s"“‘(]+/, ""));
}

export interface LeadOptions {
  words?: number;
  /** Headlines of the story's sources. */
  titles?: readonly string[];
  weights?: typeof LEAD_WEIGHTS;
  lambda?: number;
  halfLife?: number;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [, w] of a) na += w * w;
  for (const [, w] of b) nb += w * w;
  for (const [f, w] of a) {
    const v = b.get(f);
    if (v !== undefined) dot += w * v;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Picks and orders the lead sentences; returns them joined by spaces. */
export function buildLead(
  candidates: FactCandidate[],
  totalFamilies: number,
  options: LeadOptions = {},
): string {
  return pickLead(candidates, totalFamilies, options)
    .map((u) => statementText(u.sentence.text).trim())
    .join(" ");
}

/** The units chosen for the lead, in reading order. */
export function pickLead(
  candidates: FactCandidate[],
  totalFamilies: number,
  options: LeadOptions = {},
): Unit[] {
  const budget = options.words ?? DEFAULT_LEAD_WORDS;
  const weights = options.weights ?? LEAD_WEIGHTS;
  const lambda = options.lambda ?? MMR_LAMBDA;
  const halfLife = options.halfLife ?? POSITION_HALF_LIFE;
  const centroid = new Map<string, number>();
  for (const c of candidates)
    for (const u of c.units)
      for (const [f, w] of u.features) centroid.set(f, (centroid.get(f) ?? 0) + w);
  const idf = new Map<string, number>();
  for (const c of candidates)
    for (const u of c.units) for (const [f, w] of u.features) idf.set(f, w);
  const titleVector = new Map<string, number>();
  for (const t of options.titles ?? []) {
    for (const term of new Set(terms(t))) {
      const w = idf.get(term);
      if (w !== undefined) titleVector.set(term, (titleVector.get(term) ?? 0) + w);
    }
  }
  // Every wording of a fact is a candidate (at most one per fact reaches the lead): the
  // fact's text is its most central wording, but another source's may be the one that says
  // it best for the whole story, or the one that fits the budget.
  const pool: { unit: Unit; score: number; opener: number; fact: number }[] = [];
  candidates.forEach((c, fact) => {
    const support = totalFamilies > 1 ? (c.families.length - 1) / (totalFamilies - 1) : 0;
    const earliest = Math.min(...c.units.map((x) => x.position));
    // Opener: the share of families that carry the statement near their top.
    const topOf = new Map<string, number>();
    for (const x of [...c.units, ...c.support]) {
      topOf.set(x.family, Math.min(topOf.get(x.family) ?? Infinity, x.position));
    }
    let carried = 0;
    for (const pos of topOf.values()) carried += OPENER_HALF_LIFE / (OPENER_HALF_LIFE + pos);
    for (const u of c.units) {
      const text = u.sentence.text;
      if (u.wordCount < MIN_LEAD_SENTENCE_WORDS || u.wordCount > MAX_LEAD_SENTENCE_WORDS) continue;
      if (/\?\s*["”]?$/.test(text) || (EXCLUDE_QUOTES && /^["“]/.test(text))) continue;
      // A piece of a quote that runs over several sentences reads as a fragment on its own
      // (its marks do not pair up): the lead shows whole statements only.
      if (balanceQuotes(text) !== text) continue;
      const score =
        weights.support * support +
        weights.centroid * cosine(u.features, centroid) +
        weights.title * cosine(u.features, titleVector) +
        weights.position * (halfLife / (halfLife + earliest)) -
        weights.garble * u.garble;
      const wh =
        (u.actors.length > 0 ? OPENER_WH_BONUS : 0) +
        (u.dates.length > 0 || u.quantities.length > 0 ? OPENER_WH_BONUS : 0);
      const opener = carried / Math.max(1, totalFamilies) + wh;
      pool.push({ unit: u, score, opener, fact });
    }
  });
  pool.sort((a, b) => b.score - a.score || a.unit.id - b.unit.id);
  const chosen: Unit[] = [];
  let total = 0;
  const remaining = pool.slice();
  while (remaining.length > 0 && total < budget) {
    let bestI = -1;
    let best = -Infinity;
    for (let i = 0; i < remaining.length; i++) {
      const r = remaining[i];
      if (chosen.length > 0 && total + r.unit.wordCount > budget + LEAD_SLACK_WORDS) continue;
      let redundancy = 0;
      for (const c of chosen) redundancy = Math.max(redundancy, similarity(c, r.unit));
      const over = Math.max(0, total + r.unit.wordCount - budget);
      const mmr =
        lambda * r.score - (1 - lambda) * redundancy - (weights.overshoot ?? 0) * (over / budget);
      if (mmr > best) {
        best = mmr;
        bestI = i;
      }
    }
    if (bestI < 0) break;
    const [pick] = remaining.splice(bestI, 1);
    chosen.push(pick.unit);
    // One wording per fact: the others would repeat it.
    for (let i = remaining.length - 1; i >= 0; i--) {
      if (remaining[i].fact === pick.fact) remaining.splice(i, 1);
    }
    total += words(pick.unit.sentence.text).length;
  }
  // The opener first (the chosen sentence most families carry near their top, saying
  // who/where/when, and not leaning on a sentence before it), the rest in reading order. The opener only orders: letting it choose
  // sentences too lowered ROUGE on the allsides tuning half (R-1 41.48 → 41.13 at weight 1).
  const openerWeight = weights.opener ?? 0;
  let first: Unit | null = null;
  if (openerWeight > 0 && chosen.length > 0) {
    let best = -Infinity;
    const standalone = chosen.filter((u) => !leansBack(u.sentence.text));
    for (const u of standalone.length > 0 ? standalone : chosen) {
      const p = pool.find((x) => x.unit === u)!;
      const s = p.score + openerWeight * p.opener;
      if (s > best + 1e-12) {
        best = s;
        first = u;
      }
    }
  }
  const rest = chosen
    .filter((u) => u !== first)
    .sort((a, b) => a.position - b.position || a.doc - b.doc);
  return first ? [first, ...rest] : rest;
}
