/**
 * Copy families: articles that are copies or rewrites of one another count as one source. Finds
 * candidate pairs through two LSH indexes (whole-article word shingles for copies, per-sentence
 * content stems for rewrites), classifies each candidate pair, and joins the related ones.
 */
import type { Article, Derivation, Family } from "../model.js";
import {
  classifyPair,
  compareStrength,
  DEFAULT_THRESHOLDS,
  type DerivationThresholds,
  type PairVerdict,
  sourceFirst,
} from "./derivation.js";
import { type Fingerprint, fingerprint } from "./fingerprint.js";
import { LshIndex } from "./lsh-index.js";
import { minhash } from "./minhash.js";

/**
 * Whole-article bands: 32 bands of 4 rows make a pair with shingle Jaccard 0.4 a candidate with
 * probability 0.56 and 0.6 with 0.98, while unrelated articles (Jaccard < 0.05) almost never are.
 */
export const DOC_BANDS = 32;
export const DOC_ROWS = 4;
/**
 * Sentence bands: 4 bands of 3 rows over a sentence's content stems. A reworded sentence
 * (Dice 0.6) collides with probability about 0.5, so a rewrite of ten sentences is found; two
 * unrelated sentences almost never collide.
 */
export const SENTENCE_BANDS = 4;
export const SENTENCE_ROWS = 3;
/** Sentence buckets shared by more articles than this are boilerplate and ignored. */
export const SENTENCE_BUCKET_CAP = 50;
/** Sentence-band collisions needed to make a pair a candidate (one can be chance or a quote). */
export const MIN_SENTENCE_HITS = 2;

/** An incremental index of fingerprints that yields candidate pairs for one new article. */
export class CopyIndex {
  readonly prints: Fingerprint[] = [];
  private readonly docs = new LshIndex({ bands: DOC_BANDS, rows: DOC_ROWS, maxBucket: 1000 });
  /** Per stored item, how many sentences it put in the sentence index. */
  private readonly sentenceCounts: number[] = [];
  private readonly sentences = new LshIndex({
    bands: SENTENCE_BANDS,
    rows: SENTENCE_ROWS,
    maxBucket: SENTENCE_BUCKET_CAP,
  });

  /** Adds an article; returns the indexes of earlier articles worth classifying against it. */
  add(print: Fingerprint): number[] {
    const item = this.prints.length;
    this.prints.push(print);
    const found = new Set<number>();
    const docKeys = this.docs.keys(print.signature);
    if (print.shingles.length > 0) {
      for (const other of this.docs.queryKeys(docKeys)) found.add(other);
      this.docs.addKeys(item, docKeys);
    }
    const hits = new Map<number, number>();
    const sentenceKeys: Uint32Array[] = [];
    for (const s of print.sentences) {
      if (s.stems.length < 3) continue;
      const keys = this.sentences.keys(minhash(s.stems, SENTENCE_BANDS * SENTENCE_ROWS));
      sentenceKeys.push(keys);
      for (const other of this.sentences.queryKeys(keys))
        hits.set(other, (hits.get(other) ?? 0) + 1);
    }
    for (const keys of sentenceKeys) this.sentences.addKeys(item, keys);
    this.sentenceCounts.push(sentenceKeys.length);
    // An article of a single long sentence (a truncated copy) can share no more than one.
    const own = Math.min(MIN_SENTENCE_HITS, Math.max(1, sentenceKeys.length));
    // …and so can a pair whose other article has a single indexed sentence.
    for (const [other, n] of hits)
      if (n >= Math.min(own, Math.max(1, this.sentenceCounts[other]))) found.add(other);
    found.delete(item);
    return [...found].sort((x, y) => x - y);
  }
}

/** A classified candidate pair, by batch index. */
export interface ScoredPair {
  a: string;
  b: string;
  verdict: PairVerdict;
}

function findRoot(parent: number[], i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r];
  while (parent[i] !== r) {
    const next = parent[i];
    parent[i] = r;
    i = next;
  }
  return r;
}

/** Candidate pairs of a batch with their verdicts, in a stable order. */
export function scoreCandidatePairs(
  articles: readonly Article[],
  thresholds: DerivationThresholds = DEFAULT_THRESHOLDS,
  prints: readonly Fingerprint[] = articles.map((a, i) => fingerprint(a, i)),
): {
  prints: readonly Fingerprint[];
  pairs: { i: number; j: number; verdict: PairVerdict }[];
} {
  const index = new CopyIndex();
  const pairs: { i: number; j: number; verdict: PairVerdict }[] = [];
  prints.forEach((print, j) => {
    for (const i of index.add(print))
      pairs.push({ i, j, verdict: classifyPair(prints[i], print, thresholds) });
  });
  return { prints, pairs };
}

/**
 * Share of the cross pairs of two groups (every member of one with every member of the other)
 * above which the groups are one family: more than half, like average-link clustering. Pairs
 * that were never candidates count as unrelated.
 */
export const GROUP_AGREEMENT = 0.5;

/**
 * Groups a batch into copy families. Deterministic; every article is in exactly one family
 * (singletons included); a family's id is the id of its first report. Families come in the
 * order of their first member in the input; members in input order.
 *
 * Articles are taken in input order; each one's related candidate pairs are joined strongest
 * first (copies, then higher containment, then more aligned sentences, then the earlier
 * article). Two groups are united only when (1) the new article is still on its own and the
 * link is a verbatim copy (a copy of a member carries that member's text), or (2) the new
 * article is still on its own and related to the other group's first report (earliest date,
 * then the longer text), or (3) more than GROUP_AGREEMENT of all their cross pairs are related. So A copies B
 * and B rewrites C does not make a family of A and C unless A is related to C or to most of C's
 * family (no chaining of independent reports through a hub article).
 */
export function findCopyFamilies(
  articles: readonly Article[],
  thresholds: DerivationThresholds = DEFAULT_THRESHOLDS,
  prints: readonly Fingerprint[] = articles.map((a, i) => fingerprint(a, i)),
): Family[] {
  const { pairs } = scoreCandidatePairs(articles, thresholds, prints);
  const parent = prints.map((_, i) => i);
  /** Members of each group, by root (emptied when the root is merged away). */
  const members: number[][] = prints.map((_, i) => [i]);
  /** The first report of each group, by root. */
  const firstOf: number[] = prints.map((_, i) => i);
  /** Related pairs seen so far, both ways. */
  const adjacency: number[][] = prints.map(() => []);
  const n = prints.length;
  const known = new Map<number, boolean>();
  for (const { i, j, verdict } of pairs) known.set(i * n + j, verdict.relation !== "independent");
  const related = (x: number, y: number): boolean => {
    if (x === y) return true;
    const key = Math.min(x, y) * n + Math.max(x, y);
    let r = known.get(key);
    if (r === undefined) {
      r = classifyPair(prints[x], prints[y], thresholds).relation !== "independent";
      known.set(key, r);
    }
    return r;
  };
  /**
   * Share of the cross pairs of two groups that are related. Every pair among articles seen so
   * far has been scored if it was a candidate; pairs never retrieved count as unrelated.
   */
  const agreement = (ra: number, rb: number): number => {
    const [small, other] = members[ra].length <= members[rb].length ? [ra, rb] : [rb, ra];
    let hits = 0;
    for (const x of members[small])
      for (const y of adjacency[x]) if (findRoot(parent, y) === other) hits++;
    return hits / (members[ra].length * members[rb].length);
  };
  // Pairs come grouped by their later article j, in order of j.
  for (let start = 0; start < pairs.length; ) {
    const j = pairs[start].j;
    let end = start;
    while (end < pairs.length && pairs[end].j === j) end++;
    const list = pairs
      .slice(start, end)
      .filter((p) => p.verdict.relation !== "independent")
      .sort((x, y) => compareStrength(y.verdict, x.verdict) || x.i - y.i);
    start = end;
    for (const { i } of list) {
      adjacency[i].push(j);
      adjacency[j].push(i);
    }
    for (const { i, verdict } of list) {
      const ri = findRoot(parent, i);
      const rj = findRoot(parent, j);
      if (ri === rj) continue;
      // Only the new article may join on its own evidence: an older article left out of a
      // group is not pulled in through a newcomer (a round-up reprinting two reports).
      const single = members[rj].length === 1;
      const linked =
        (single && verdict.relation === "copy") ||
        (single && related(firstOf[ri], firstOf[rj])) ||
        agreement(ri, rj) > GROUP_AGREEMENT;
      if (!linked) continue;
      const [keep, drop] = ri < rj ? [ri, rj] : [rj, ri];
      parent[drop] = keep;
      for (const m of members[drop]) members[keep].push(m);
      members[drop] = [];
      firstOf[keep] =
        sourceFirst(prints[firstOf[ri]], prints[firstOf[rj]]) < 0 ? firstOf[ri] : firstOf[rj];
    }
  }
  const groups = new Map<number, number[]>();
  prints.forEach((_, i) => {
    const r = findRoot(parent, i);
    const list = groups.get(r);
    if (list) list.push(i);
    else groups.set(r, [i]);
  });
  const families: Family[] = [];
  for (const root of [...groups.keys()].sort((x, y) => x - y)) {
    const members = groups.get(root) ?? [];
    const first = members.reduce((best, m) =>
      sourceFirst(prints[m], prints[best]) < 0 ? m : best,
    );
    families.push({
      id: articles[first].id,
      first: articles[first].id,
      members: members.map((m) => {
        let relation: Derivation = "original";
        if (m !== first)
          relation =
            classifyPair(prints[first], prints[m], thresholds).relation === "copy"
              ? "copy"
              : "rewrite";
        return { id: articles[m].id, relation, outlet: articles[m].outlet };
      }),
    });
  }
  return families;
}
