/**
 * Facts from aligned sentence groups: each group's most representative, cleanest sentence,
 * its sources, its evidence, and its support counted in independent copy families.
 */
import type { Evidence, Fact } from "../model.js";
import { type AlignResult, alignedSim, MIN_ALIGN_WORDS } from "./align.js";
import { statementText } from "./statement.js";
import type { StoryIndex, Unit } from "./story-index.js";

export { statementText };

/** How much garbled wording costs a sentence when picking a group's text (vs centrality). */
const GARBLE_PENALTY = 2;
/** A single-source claim needs at least this many words (drops captions and fragments). */
const MIN_CLAIM_WORDS = 8;
/** Most single-source claims listed; the rest are dropped by importance. */
export const MAX_SINGLE_SOURCE = 40;

/** A fact with what the lead and the orderings need to know about it. */
export interface FactCandidate {
  fact: Fact;
  units: Unit[];
  representative: Unit;
  /** Families that state it (aligned members and containment support). */
  families: string[];
  /** Sentences of other families that state it inside a longer sentence (extendSupport). */
  support: Unit[];
  /** Higher is more important: early in its sources, naming actors, carrying numbers. */
  importance: number;
}

/** What a reader sees for a unit: its sentence as a statement (see QuoteContext). */
export type StatementOf = (u: Unit) => string;

const plainStatement: StatementOf = (u) => statementText(u.sentence.text);

/**
 * Turns every alignment group into a fact candidate. `statementOf` words the chosen sentence
 * (by default the sentence without its dateline; the brief restores quote passages).
 */
export function factsFromGroups(
  index: StoryIndex,
  aligned: AlignResult,
  statementOf: StatementOf = plainStatement,
): FactCandidate[] {
  const out: FactCandidate[] = [];
  for (const group of aligned.groups) {
    const units = group.map((id) => index.units[id]);
    let best = units[0];
    let bestScore = -Infinity;
    for (const u of units) {
      let central = 0;
      for (const v of units) if (v !== u) central += alignedSim(aligned, u.id, v.id);
      central = units.length > 1 ? central / (units.length - 1) : 0;
      const score = central - GARBLE_PENALTY * u.garble - (u.wordCount > 45 ? 0.1 : 0);
      if (score > bestScore + 1e-9) {
        best = u;
        bestScore = score;
      }
    }
    const families = [...new Set(units.map((u) => u.family))].sort();
    const sources = [...new Set(units.map((u) => u.source))].sort();
    const evidence: Evidence[] = units
      .map((u) => ({ source: u.source, sentence: u.sentence.index, text: u.sentence.text }))
      .sort((a, b) =>
        a.source < b.source ? -1 : a.source > b.source ? 1 : a.sentence - b.sentence,
      );
    const positionScore =
      units.reduce((sum, u) => sum + 1 / (1 + u.position / 4), 0) / units.length;
    const importance =
      positionScore +
      0.15 * Math.min(3, best.actors.length) +
      0.2 * Math.min(2, best.quantities.length);
    out.push({
      fact: {
        text: statementOf(best),
        sources,
        independent: families.length,
        evidence,
      },
      units,
      support: [],
      representative: best,
      families,
      importance,
    });
  }
  return out;
}

/**
 * A sentence of another family supports a fact when it holds this share of the fact's core
 * (IDF-weighted features its aligned wordings agree on), even as part of a longer sentence.
 * Lower counts more partial statements as support; chosen on the example corpus and the seeds
 * by reading every support it added (at 0.5 "the fire" + a place started to count as support
 * for unrelated statements about the fire).
 */
export const CONTAIN_THRESHOLD = 0.6;
/** The same for a fact stated by one sentence only (its whole wording is the core): stricter. */
export const CONTAIN_SINGLE_THRESHOLD = 0.75;
/** A core needs at least this many features to be matched by containment (too little to tell). */
const MIN_CORE_FEATURES = 4;

/**
 * Second alignment pass: counts as support the sentences of other families that contain a
 * fact's core (a fact stated inside a longer sentence, which alignment keeps in another group
 * since each sentence joins one group). The supporting sentence must name one of the core's
 * actors when it has any, and must not give another value for a quantity of the core's units.
 */
export function extendSupport(index: StoryIndex, facts: FactCandidate[]): void {
  const postings = new Map<string, Unit[]>();
  for (const u of index.units) {
    if (u.wordCount < MIN_ALIGN_WORDS) continue;
    for (const f of u.features.keys()) {
      let list = postings.get(f);
      if (!list) postings.set(f, (list = []));
      list.push(u);
    }
  }
  for (const c of facts) {
    const core = new Map<string, number>();
    if (c.units.length >= 2) {
      const count = new Map<string, number>();
      for (const u of c.units)
        for (const f of u.features.keys()) count.set(f, (count.get(f) ?? 0) + 1);
      for (const [f, n] of count) if (n >= 2) core.set(f, c.units[0].features.get(f) ?? 0);
      for (const u of c.units) for (const f of core.keys()) core.set(f, u.features.get(f) ?? 0);
    } else {
      if (c.representative.wordCount < MIN_ALIGN_WORDS) continue;
      for (const [f, w] of c.representative.features) core.set(f, w);
    }
    // Names and numbers must agree, but the match is measured on the wording: names alone
    // (a story's main actors are in most of its sentences) are no evidence of the same fact.
    for (const f of [...core.keys()]) if (f.startsWith("@") || f.startsWith("#")) core.delete(f);
    if (core.size < MIN_CORE_FEATURES) continue;
    const threshold = c.units.length >= 2 ? CONTAIN_THRESHOLD : CONTAIN_SINGLE_THRESHOLD;
    let mass = 0;
    for (const w of core.values()) mass += w;
    const coreActors = c.representative.actors.map((a) => `@${a}`);
    const quantities = c.units.flatMap((u) => u.quantities);
    const families = new Set(c.families);
    const seen = new Set<number>();
    const added: Unit[] = [];
    for (const f of [...core.keys()].sort()) {
      for (const s of postings.get(f) ?? []) {
        if (seen.has(s.id) || families.has(s.family)) continue;
        seen.add(s.id);
        if (coreActors.length > 0 && !coreActors.some((a) => s.features.has(a))) continue;
        let shared = 0;
        for (const [g, w] of core) if (s.features.has(g)) shared += w;
        if (shared / mass < threshold) continue;
        const disagrees = s.quantities.some(
          (q) =>
            quantities.some((x) => x.unit === q.unit) &&
            !quantities.some((x) => x.unit === q.unit && x.value === q.value),
        );
        if (disagrees) continue;
        added.push(s);
      }
    }
    // One supporting sentence per family: the earliest (sources lead with what they stress).
    added.sort(
      (a, b) => a.family.localeCompare(b.family) || a.position - b.position || a.id - b.id,
    );
    for (const s of added) {
      if (families.has(s.family)) continue;
      families.add(s.family);
      c.support.push(s);
      if (!c.fact.sources.includes(s.source)) c.fact.sources.push(s.source);
      c.fact.evidence.push({ source: s.source, sentence: s.sentence.index, text: s.sentence.text });
    }
    c.fact.sources.sort();
    c.fact.evidence.sort((a, b) =>
      a.source < b.source ? -1 : a.source > b.source ? 1 : a.sentence - b.sentence,
    );
    c.families = [...families].sort();
    c.fact.independent = c.families.length;
  }
}

/**
 * Merges candidates that show the same quoted passage (two sentences of one quote, each shown
 * with the rest of it; see QuoteContext): one fact with the union of their sources, evidence
 * and families, worded as the best supported one. `passageOf` gives a candidate's passage
 * (its whole text, so a copy of the quote in another source is the same), null for a sentence
 * outside any: those are never merged. Returns new objects; the input candidates (used by the
 * lead, the timeline and the conflicts) are left as they are.
 */
export function mergePassages(
  candidates: readonly FactCandidate[],
  passageOf: (c: FactCandidate) => string | null,
): FactCandidate[] {
  const out: FactCandidate[] = [];
  const byPassage = new Map<string, FactCandidate>();
  for (const c of orderFacts(candidates)) {
    const passage = passageOf(c);
    const kept = passage !== null ? byPassage.get(passage) : undefined;
    if (!kept) {
      const copy: FactCandidate = {
        ...c,
        fact: {
          ...c.fact,
          sources: [...c.fact.sources],
          evidence: [...c.fact.evidence],
        },
        units: [...c.units],
        support: [...c.support],
        families: [...c.families],
      };
      if (passage !== null) byPassage.set(passage, copy);
      out.push(copy);
      continue;
    }
    kept.units.push(...c.units);
    kept.support.push(...c.support);
    kept.families = [...new Set([...kept.families, ...c.families])].sort();
    kept.fact.sources = [...new Set([...kept.fact.sources, ...c.fact.sources])].sort();
    for (const e of c.fact.evidence) {
      if (!kept.fact.evidence.some((x) => x.source === e.source && x.sentence === e.sentence)) {
        kept.fact.evidence.push(e);
      }
    }
    kept.fact.evidence.sort((a, b) =>
      a.source < b.source ? -1 : a.source > b.source ? 1 : a.sentence - b.sentence,
    );
    kept.fact.independent = kept.families.length;
    kept.importance = Math.max(kept.importance, c.importance);
  }
  return out;
}

/** Orders facts by independent support, then importance, then text (stable bytes). */
export function orderFacts(facts: readonly FactCandidate[]): FactCandidate[] {
  return facts
    .slice()
    .sort(
      (a, b) =>
        b.fact.independent - a.fact.independent ||
        b.importance - a.importance ||
        (a.fact.text < b.fact.text ? -1 : a.fact.text > b.fact.text ? 1 : 0),
    );
}

/** Verbs of saying, and common irregular past tenses of doing (regular ones end in -ed). */
const ACTION_VERB =
  /\b(?:says?|said|tells?|told|warns?|urges?|vows?|plans?|wants?|seeks?|faces?|met|held|made|took|gave|went|won|lost|paid|sent|wrote|began|broke|fled|hit|left|led|put|ran|saw|set|sold|spent|stood|struck|brought|bought|caught|fought|kept|knew|rose|shot|spoke|thought|threw|\p{L}{3,}ed)\b/iu;
/**
 * Notability points of a named actor doing or saying something, a number, a quote. Quotes
 * count least: they are listed in full in the quotes section, and a vox-pop quote is rarely
 * the claim a reader must check (set by reading the example corpus's ranking).
 */
const NOTABLE_ACTOR = 1;
const NOTABLE_NUMBER = 1;
const NOTABLE_QUOTE = 0.3;

/**
 * How notable a single-source statement is: a named actor with a verb of saying or doing, a
 * number, a quote (each adds points), earlier in its report scores a little more, garbled less.
 * 0 when it has none of the three: then it is no claim worth flagging.
 */
export function notability(c: FactCandidate): number {
  const u = c.representative;
  const text = u.sentence.text;
  if (u.wordCount < MIN_CLAIM_WORDS) return 0;
  if (/\?\s*["”]?\s*$/.test(text)) return 0;
  const actor = u.actors.length > 0 && ACTION_VERB.test(text) ? NOTABLE_ACTOR : 0;
  // A bare number with no counted noun or unit ("Stacey Harlow, 34,") is an age or a label.
  const number = u.quantities.some((q) => q.unit !== "") ? NOTABLE_NUMBER : 0;
  const quote = /["“”]/.test(text) ? NOTABLE_QUOTE : 0;
  const base = actor + number + quote;
  if (base === 0) return 0;
  return base + 0.5 / (1 + u.position / 4) - GARBLE_PENALTY * u.garble;
}

/** A single-family statement worth flagging: names someone doing something, gives a number or quotes. */
export function isNotableClaim(c: FactCandidate): boolean {
  return notability(c) > 0;
}

/** Single-source claims, most notable first (ties: earlier position, then text). */
export function rankClaims(claims: FactCandidate[]): FactCandidate[] {
  return claims
    .map((c) => ({ c, n: notability(c) }))
    .filter((x) => x.n > 0)
    .sort(
      (a, b) =>
        b.n - a.n ||
        a.c.representative.position - b.c.representative.position ||
        (a.c.fact.text < b.c.fact.text ? -1 : a.c.fact.text > b.c.fact.text ? 1 : 0),
    )
    .map((x) => x.c);
}
