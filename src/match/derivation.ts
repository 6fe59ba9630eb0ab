/**
 * The pairwise classifier: is one article a near-verbatim copy of the other, a rewrite (the same
 * sentences paraphrased, maybe reordered or cut), or independent reporting? Scores come from word
 * shingles (wording), sentence alignment on content stems (structure) and shared names/numbers.
 */
import { type Fingerprint, intersectSize } from "./fingerprint.js";

/**
 * Shingle containment of the shorter article in the longer one above which it is a copy.
 * Truncations and re-wrapped copies keep nearly all their 3-shingles; a rewrite that swaps one
 * word in four keeps under half. Chosen on the generated copies corpus (tune seed).
 */
export const COPY_CONTAINMENT = 0.6;
/**
 * Dice overlap of two sentences' content stems at which they count as the same sentence
 * reworded. Synonym swaps and translation round trips keep names, numbers and most nouns (Dice
 * 0.5–0.8); independent reports of one fact rarely share half their content words.
 */
export const ALIGN_DICE = 0.5;
/** Sentences with fewer content stems than this are too short to align reliably. */
export const ALIGN_MIN_STEMS = 4;
/**
 * Fraction of the shorter article's sentences that must align to the other for a rewrite.
 * Independent reports of one story align a few sentences (quotes, the key fact); a rewrite
 * aligns most of them. Chosen on the generated copies corpus (tune seed).
 */
export const REWRITE_ALIGNED = 0.45;
/** A rewrite must align at least this many sentences (one shared quote is not a rewrite). */
export const REWRITE_MIN_SENTENCES = 2;

/**
 * Lengths within this fraction of each other count as equal when picking the source: a copy
 * wrapped in a few boilerplate lines is a little longer than its original, a truncation much
 * shorter; equal lengths fall back to arrival order.
 */
export const LENGTH_TIE = 0.15;

export type PairRelation = "copy" | "rewrite" | "independent";

export interface PairScores {
  /** Jaccard similarity of the word 3-shingle sets. */
  jaccard: number;
  /** Shingles of the shorter article found in the longer one, as a fraction. */
  containment: number;
  /** Fraction of the shorter article's eligible sentences aligned to a sentence of the other. */
  aligned: number;
  /** Number of aligned sentences. */
  alignedCount: number;
  /** Fraction of aligned pairs that keep their relative order (longest increasing run). */
  order: number;
  /** Names and numbers of the shorter article found in the other, as a fraction. */
  anchors: number;
  /** Content stems of the shorter article found in the other, as a fraction. */
  stems: number;
}

export interface PairVerdict {
  relation: PairRelation;
  /** Which of the two looks like the source: earlier date, then the one that contains the other. */
  source: string;
  scores: PairScores;
}

function dice(x: Uint32Array, y: Uint32Array): number {
  const total = x.length + y.length;
  return total === 0 ? 0 : (2 * intersectSize(x, y)) / total;
}

/** Length of the longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

/** Aligns each eligible sentence of `short` to its best match in `long`. */
function align(
  short: Fingerprint,
  long: Fingerprint,
): { aligned: number; count: number; order: number } {
  let eligible = 0;
  const targets: number[] = [];
  for (const s of short.sentences) {
    if (s.stems.length < ALIGN_MIN_STEMS) continue;
    eligible++;
    let best = 0;
    let bestIndex = -1;
    for (const t of long.sentences) {
      if (t.stems.length < 2) continue;
      const d = dice(s.stems, t.stems);
      if (d > best) {
        best = d;
        bestIndex = t.index;
      }
    }
    if (best >= ALIGN_DICE) targets.push(bestIndex);
  }
  const count = targets.length;
  return {
    aligned: eligible === 0 ? 0 : count / eligible,
    count,
    order: count === 0 ? 0 : longestIncreasing(targets) / count,
  };
}

function contained(x: Uint32Array, y: Uint32Array): number {
  return x.length === 0 ? 0 : intersectSize(x, y) / x.length;
}

/** Orders two fingerprints: which is the likelier source (earlier, then longer, then first seen). */
export function sourceFirst(a: Fingerprint, b: Fingerprint): number {
  if (a.published && b.published && a.published !== b.published)
    return a.published < b.published ? -1 : 1;
  if (a.published && !b.published) return -1;
  if (!a.published && b.published) return 1;
  const longest = Math.max(a.shingles.length, b.shingles.length);
  if (Math.abs(a.shingles.length - b.shingles.length) > LENGTH_TIE * longest)
    return b.shingles.length - a.shingles.length;
  return a.index - b.index;
}

/** Scores and classifies one pair of articles. Symmetric except for `source`. */
export function classifyPair(a: Fingerprint, b: Fingerprint): PairVerdict {
  const [short, long] =
    a.shingles.length < b.shingles.length ||
    (a.shingles.length === b.shingles.length && a.index > b.index)
      ? [a, b]
      : [b, a];
  const common = intersectSize(short.shingles, long.shingles);
  const union = short.shingles.length + long.shingles.length - common;
  const containment = short.shingles.length === 0 ? 0 : common / short.shingles.length;
  const { aligned, count, order } = align(short, long);
  const scores: PairScores = {
    jaccard: union === 0 ? 0 : common / union,
    containment,
    aligned,
    alignedCount: count,
    order,
    anchors: contained(short.anchors, long.anchors),
    stems: contained(short.stems, long.stems),
  };
  let relation: PairRelation = "independent";
  if (short.shingles.length > 0 && containment >= COPY_CONTAINMENT) relation = "copy";
  else if (aligned >= REWRITE_ALIGNED && count >= REWRITE_MIN_SENTENCES) relation = "rewrite";
  const source = sourceFirst(a, b) <= 0 ? a.id : b.id;
  return { relation, source, scores };
}
