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

/** Turns every alignment group into a fact candidate. */
export function factsFromGroups(index: StoryIndex, aligned: AlignResult): FactCandidate[] {
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
        text: statementText(best.sentence.text),
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

/** Orders facts by independent support, then importance, then text (stable bytes). */
export function orderFacts(facts: FactCandidate[]): FactCandidate[] {
  return facts
    .slice()
    .sort(
      (a, b) =>
        b.fact.independent - a.fact.independent ||
        b.importance - a.importance ||
        (a.fact.text < b.fact.text ? -1 : a.fact.text > b.fact.text ? 1 : 0),
    );
}

/** A single-family statement worth flagging: names someone, gives a number or quotes. */
export function isNotableClaim(c: FactCandidate): boolean {
  const u = c.representative;
  if (u.wordCount < MIN_CLAIM_WORDS) return false;
  if (/\?\s*$/.test(u.sentence.text)) return false;
  const quoted = /["“”]/.test(u.sentence.text);
  return u.actors.length > 0 || u.quantities.length > 0 || quoted;
}
