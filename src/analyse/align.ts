/**
 * Sentence alignment across sources: groups sentences that state the same thing in other words
 * (paraphrase, reordering, garbled translation) by weighted stem/actor/number overlap, merging
 * greedily (best pair first) under average linkage, at most one sentence per source per group.
 */
import { terms } from "../text/tokens.js";
import { type StoryIndex, similarity, type Unit } from "./story-index.js";

/**
 * Two sentences of different sources state the same thing when their weighted Dice overlap
 * reaches this. Lower finds more paraphrases but merges merely related sentences; chosen by
 * reading the seed alignments (paraphrases of one event score 0.3-0.6, related-but-different
 * statements 0.15-0.28).
 */
export const ALIGN_THRESHOLD = 0.22;
/** Average similarity two groups must keep to merge (guards against chaining through one pair). */
export const LINK_THRESHOLD = 0.18;
/**
 * Sentences shorter than this (in words) are not aligned by similarity: too little to compare.
 * They align only when they say the same words (below).
 */
export const MIN_ALIGN_WORDS = 5;
/**
 * A short sentence (at least this many words, under MIN_ALIGN_WORDS) aligns with another
 * source's sentence of under twice MIN_ALIGN_WORDS words that has the same content words in
 * the same order ("Veltrane denied the allegations." / "Veltrane has denied the
 * allegations."), when it has at least `MIN_SHORT_TERMS` of them (similarity 1).
 */
export const MIN_SHORT_WORDS = 3;
export const MIN_SHORT_TERMS = 2;

/** Pairs of short sentences of different sources that say the same content words. */
function shortPairs(units: readonly Unit[]): [number, number, number][] {
  const byKey = new Map<string, Unit[]>();
  for (const u of units) {
    // Sentences a little longer take part too: "X has denied the allegations." is 5 words.
    if (u.wordCount >= 2 * MIN_ALIGN_WORDS || u.wordCount < MIN_SHORT_WORDS) continue;
    const t = terms(u.sentence.text);
    if (t.length < MIN_SHORT_TERMS || u.sentence.text.includes("?")) continue;
    const key = t.join(" ");
    const list = byKey.get(key);
    if (list) list.push(u);
    else byKey.set(key, [u]);
  }
  const pairs: [number, number, number][] = [];
  for (const list of byKey.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (
          list[i].doc !== list[j].doc &&
          Math.min(list[i].wordCount, list[j].wordCount) < MIN_ALIGN_WORDS
        )
          pairs.push([list[i].id, list[j].id, 1]);
  return pairs;
}

/** A group of aligned units (ids), sorted by id. */
export type Alignment = number[];

export interface AlignResult {
  groups: Alignment[];
  /** Pairwise similarities that reached the threshold, keyed "a:b" with a < b. */
  sims: Map<string, number>;
  /** Group index of each unit. */
  groupOf: number[];
}

/** Aligns every unit of the story; each unit ends in exactly one group (maybe alone). */
export function alignUnits(index: StoryIndex): AlignResult {
  const units = index.units;
  // Inverted index over features, to compare only sentences that share something.
  const postings = new Map<string, number[]>();
  for (const u of units) {
    if (u.wordCount < MIN_ALIGN_WORDS) continue;
    for (const f of u.features.keys()) {
      let list = postings.get(f);
      if (!list) postings.set(f, (list = []));
      list.push(u.id);
    }
  }
  const maxPosting = Math.max(50, Math.ceil(units.length / 4));
  const pairs: [number, number, number][] = [];
  const sims = new Map<string, number>();
  const seen = new Set<number>();
  for (const u of units) {
    if (u.wordCount < MIN_ALIGN_WORDS) continue;
    seen.clear();
    for (const f of u.features.keys()) {
      const list = postings.get(f)!;
      if (list.length > maxPosting) continue; // too common to be evidence on its own
      for (const v of list) {
        if (v <= u.id || seen.has(v)) continue;
        seen.add(v);
        const w = units[v];
        if (w.doc === u.doc) continue;
        const s = similarity(u, w);
        if (s >= ALIGN_THRESHOLD) {
          pairs.push([u.id, v, s]);
          sims.set(`${u.id}:${v}`, s);
        }
      }
    }
  }
  for (const [a, b, s] of shortPairs(units)) {
    const key = `${a}:${b}`;
    if (sims.has(key)) continue;
    pairs.push([a, b, s]);
    sims.set(key, s);
  }
  pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const groupOf = units.map((u) => u.id);
  const members = new Map<number, Unit[]>(units.map((u) => [u.id, [u]]));
  const simOf = (a: number, b: number) => sims.get(a < b ? `${a}:${b}` : `${b}:${a}`) ?? 0;
  for (const [a, b] of pairs) {
    const ga = groupOf[a];
    const gb = groupOf[b];
    if (ga === gb) continue;
    const ma = members.get(ga)!;
    const mb = members.get(gb)!;
    const docsA = new Set(ma.map((u) => u.doc));
    if (mb.some((u) => docsA.has(u.doc))) continue;
    let total = 0;
    for (const x of ma) for (const y of mb) total += simOf(x.id, y.id);
    if (total / (ma.length * mb.length) < LINK_THRESHOLD) continue;
    const [keep, drop] = ga < gb ? [ga, gb] : [gb, ga];
    const merged = [...members.get(keep)!, ...members.get(drop)!];
    members.set(keep, merged);
    members.delete(drop);
    for (const u of merged) groupOf[u.id] = keep;
  }
  const ordered = [...members.entries()].sort((a, b) => a[0] - b[0]);
  const groups: Alignment[] = [];
  const finalGroupOf = new Array<number>(units.length).fill(-1);
  for (const [, list] of ordered) {
    const ids = list.map((u) => u.id).sort((x, y) => x - y);
    for (const id of ids) finalGroupOf[id] = groups.length;
    groups.push(ids);
  }
  return { groups, sims, groupOf: finalGroupOf };
}

/** Similarity of two units as recorded by alignment (0 below the threshold). */
export function alignedSim(result: AlignResult, a: number, b: number): number {
  if (a === b) return 1;
  return result.sims.get(a < b ? `${a}:${b}` : `${b}:${a}`) ?? 0;
}
