/**
 * The shared working view of one story for the analysers: every body sentence of every
 * source as a weighted bag of stems, actors and quantities, with its source and family.
 */
import type { DateMentionInDoc, Doc, Family, QuantityMention, Sentence } from "../model.js";
import { TITLES } from "../text/entity-lists.js";
import { fold, STOP_WORDS, stem, terms, words } from "../text/tokens.js";
import { type ActorTable, buildActors } from "./actors.js";
import { type FurnitureReason, findFurniture } from "./newsworthiness.js";

/** A sentence kept out of the analysis as page furniture. */
export interface FurnitureSentence {
  source: string;
  sentence: number;
  reason: FurnitureReason;
  text: string;
}

/** One sentence of one source, ready for comparison. */
export interface Unit {
  id: number;
  doc: number;
  source: string;
  family: string;
  sentence: Sentence;
  /** Feature → IDF weight: stems, "@actor" keys and "#value unit" quantities. */
  features: Map<string, number>;
  /** Sum of feature weights (for the Dice score). */
  mass: number;
  /** Canonical actor names mentioned. */
  actors: string[];
  quantities: QuantityMention[];
  dates: DateMentionInDoc[];
  /** Share of words that look machine-garbled (capitalised function words mid-sentence, glued words). */
  garble: number;
  /** 0 for a source's first body sentence (headings and furniture not counted), growing. */
  position: number;
  wordCount: number;
}

export interface StoryIndex {
  docs: Doc[];
  units: Unit[];
  actors: ActorTable;
  familyOf: Map<string, string>;
  /** Units of each doc, by sentence index. */
  byDoc: Map<number, Map<number, Unit>>;
  /** Sentences left out as page furniture (contact lines, consent, credits, captions). */
  furniture: FurnitureSentence[];
}

/** Actors weigh more than a word: a shared name is strong evidence of the same statement. */
const ACTOR_WEIGHT_FACTOR = 1.5;
/** Quantities weigh more still: a shared "2,300 residents" rarely happens by chance. */
const QUANTITY_WEIGHT_FACTOR = 2;

/** Builds the index. Articles with no family in `families` form a family of their own. */
export function indexStory(docs: readonly Doc[], families: readonly Family[]): StoryIndex {
  const familyOf = new Map<string, string>();
  for (const f of families) for (const m of f.members) familyOf.set(m.id, f.id);
  for (const d of docs) if (!familyOf.has(d.article.id)) familyOf.set(d.article.id, d.article.id);
  const furniture: FurnitureSentence[] = [];
  const furnitureOf = docs.map((doc) => {
    const found = findFurniture(doc.sentences);
    for (const [sentence, reason] of [...found.entries()].sort((a, b) => a[0] - b[0])) {
      const text = doc.sentences.find((x) => x.index === sentence)!.text;
      furniture.push({ source: doc.article.id, sentence, reason, text });
    }
    return found;
  });
  // Names that occur only in furniture ("Cookie Settings Accept") are not actors.
  const actors = buildActors(
    docs.map((doc, di) => ({
      ...doc,
      mentions: doc.mentions.filter((m) => !furnitureOf[di].has(m.sentence)),
    })),
  );
  const raw: { doc: number; s: Sentence; feats: string[]; actors: string[]; rank: number }[] = [];
  docs.forEach((doc, di) => {
    let rank = 0;
    for (const s of doc.sentences) {
      if (s.heading || furnitureOf[di].has(s.index)) continue;
      const names = new Set<string>();
      for (const m of doc.mentions) {
        if (m.sentence !== s.index) continue;
        const name = actors.resolve(m.text);
        if (name) names.add(name);
      }
      const feats = new Set(terms(s.text));
      for (const n of names) feats.add(`@${n}`);
      for (const q of doc.quantities ?? []) {
        if (q.sentence === s.index) feats.add(`#${q.value} ${q.unit}`);
      }
      raw.push({ doc: di, s, feats: [...feats], actors: [...names].sort(), rank: rank++ });
    }
  });
  // Stems the story writes in lower case: a capitalised one mid-sentence that is no name
  // ("accusing Canada Provides substantial …") is a sign of garbled text.
  const lowerStems = new Set<string>();
  for (const doc of docs) {
    for (const s of doc.sentences) {
      for (const w of words(s.text)) if (/^\p{Ll}/u.test(w)) lowerStems.add(stem(w));
    }
  }
  const df = new Map<string, number>();
  for (const r of raw) for (const f of r.feats) df.set(f, (df.get(f) ?? 0) + 1);
  const n = raw.length;
  const units: Unit[] = [];
  const byDoc = new Map<number, Map<number, Unit>>();
  for (const r of raw) {
    const features = new Map<string, number>();
    let mass = 0;
    for (const f of r.feats) {
      let w = Math.log((n + 1) / (df.get(f)! + 0.5));
      if (f.startsWith("@")) w *= ACTOR_WEIGHT_FACTOR;
      else if (f.startsWith("#")) w *= QUANTITY_WEIGHT_FACTOR;
      features.set(f, w);
      mass += w;
    }
    const doc = docs[r.doc];
    const unit: Unit = {
      id: units.length,
      doc: r.doc,
      source: doc.article.id,
      family: familyOf.get(doc.article.id)!,
      sentence: r.s,
      features,
      mass,
      actors: r.actors,
      quantities: (doc.quantities ?? []).filter((q) => q.sentence === r.s.index),
      dates: (doc.dates ?? []).filter((d) => d.sentence === r.s.index),
      garble: garbleScore(
        r.s.text,
        lowerStems,
        doc.mentions.filter((m) => m.sentence === r.s.index),
      ),
      position: r.rank,
      wordCount: words(r.s.text).length,
    };
    units.push(unit);
    let m = byDoc.get(r.doc);
    if (!m) byDoc.set(r.doc, (m = new Map()));
    m.set(r.s.index, unit);
  }
  return { docs: [...docs], units, actors, familyOf, byDoc, furniture };
}

/** Weighted Dice similarity of two units' features, in [0, 1]. */
export function similarity(a: Unit, b: Unit): number {
  if (a.mass === 0 || b.mass === 0) return 0;
  let shared = 0;
  const [small, large] = a.features.size < b.features.size ? [a, b] : [b, a];
  for (const [f, w] of small.features) if (large.features.has(f)) shared += w;
  return (2 * shared) / (a.mass + b.mass);
}

/**
 * Share of tokens that betray garbled text: capitalised function words mid-sentence ("visit For
 * a"), glued words ("SeptemberThe"), and capitalised common words outside any name or title
 * ("accusing Canada Provides").
 */
export function garbleScore(
  text: string,
  lowerStems: ReadonlySet<string> = new Set(),
  mentions: readonly { start: number; end: number }[] = [],
): number {
  let bad = 0;
  let count = 0;
  let first = true;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)) {
    count++;
    const w = m[0];
    const at = m.index ?? 0;
    const afterBreak = first || /[.!?:;"“‘(\-–—]\s*$/.test(text.slice(Math.max(0, at - 3), at));
    first = false;
    if (afterBreak) continue;
    if (/\p{Ll}\p{Lu}\p{Ll}/u.test(w) && !/^(Mc|Mac|De|Di|La|Le|O')/.test(w)) bad++;
    if (!/^\p{Lu}\p{Ll}/u.test(w)) continue;
    const f = fold(w);
    if (STOP_WORDS.has(f)) bad++;
    else if (
      lowerStems.has(stem(w)) &&
      !TITLES.has(f) &&
      !mentions.some((x) => at >= x.start && at < x.end)
    ) {
      bad++;
    }
  }
  return count === 0 ? 0 : bad / count;
}
