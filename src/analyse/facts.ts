/**
 * Facts from aligned sentence groups: each group's most representative, cleanest sentence,
 * its sources, its evidence, and its support counted in independent copy families.
 */
import type { Evidence, Fact } from "../model.js";
import { type AlignResult, alignedSim } from "./align.js";
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
  /** Families that state it. */
  families: string[];
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
      representative: best,
      families,
      importance,
    });
  }
  return out;
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
