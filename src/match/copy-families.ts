/**
 * Copy families: articles that are copies or rewrites of one another count as one source. Finds
 * candidate pairs through two LSH indexes (whole-article word shingles for copies, per-sentence
 * content stems for rewrites), classifies each candidate pair, and joins the related ones.
 */
import type { Article, Derivation, Family } from "../model.js";
import {
  classifyPair,
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
    // An article of a single long sentence (a truncated copy) can share no more than one.
    const needed = Math.min(MIN_SENTENCE_HITS, Math.max(1, sentenceKeys.length));
    for (const [other, n] of hits) if (n >= needed) found.add(other);
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

/**
 * Whether a copy link i–j may unite groups whose earliest members ri, rj are not related to
 * each other: when i is a verbatim copy of ri, j of rj, and i of j, the four carry one text (a
 * short wire item, its boilerplate-wrapped copy and a longer version of the same wire story,
 * where the wrapper dilutes the containment between the ends). Rewrites never chain this way.
 * Risk: a round-up that reprints two unrelated reports verbatim would chain them.
 */
function copyChain(
  prints: readonly Fingerprint[],
  i: number,
  j: number,
  ri: number,
  rj: number,
  verdict: PairVerdict,
  thresholds: DerivationThresholds,
): boolean {
  const copy = (x: number, y: number) =>
    x === y || classifyPair(prints[x], prints[y], thresholds).relation === "copy";
  return verdict.relation === "copy" && copy(ri, i) && copy(rj, j);
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
 * Groups a batch into copy families. Deterministic; every article is in exactly one family
 * (singletons included); a family's id is the id of its first report. Families come in the
 * order of their first member in the input; members in input order.
 *
 * Related pairs are joined in input order, but two groups are only united when their earliest
 * members are related too: A copies B and B rewrites C does not make a family of A and C unless
 * they share enough themselves (no chaining of independent reports through a hub). One
 * exception: a chain of verbatim copies (see `copyChain`).
 */
export function findCopyFamilies(
  articles: readonly Article[],
  thresholds: DerivationThresholds = DEFAULT_THRESHOLDS,
  prints: readonly Fingerprint[] = articles.map((a, i) => fingerprint(a, i)),
): Family[] {
  const { pairs } = scoreCandidatePairs(articles, thresholds, prints);
  const parent = prints.map((_, i) => i);
  for (const { i, j, verdict } of pairs) {
    if (verdict.relation === "independent") continue;
    const ri = findRoot(parent, i);
    const rj = findRoot(parent, j);
    if (ri === rj) continue;
    // Roots are the earliest members; require them to be related as well.
    const linked =
      (ri === i && rj === j) ||
      classifyPair(prints[ri], prints[rj], thresholds).relation !== "independent" ||
      copyChain(prints, i, j, ri, rj, verdict, thresholds);
    if (linked) parent[Math.max(ri, rj)] = Math.min(ri, rj);
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
