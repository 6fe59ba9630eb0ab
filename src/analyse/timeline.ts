/**
 * Timeline: dated statements in date order, relative dates already resolved against each
 * article's publication date, merged when aligned sentences give the same date.
 */
import type { DatePrecision, Evidence, TimelineEntry } from "../model.js";
import type { AlignResult } from "./align.js";
import { type FactCandidate, type StatementOf, statementText } from "./facts.js";
import type { StoryIndex } from "./story-index.js";

/** Most entries listed (earliest kept when a story has more). */
export const MAX_TIMELINE = 60;

/**
 * The dates of one sentence that place it on the timeline: resolved ones, minus the end of a
 * range ("between August and February", "from May to July": the sentence is placed at its
 * start) and minus a date that only repeats, coarser, another of the sentence ("earlier this
 * year" next to "February" of that year).
 */
export function timelineDates<D extends { iso: string | null; start: number; end: number }>(
  sentence: string,
  dates: readonly D[],
): (D & { iso: string })[] {
  const resolved = dates.filter((d): d is D & { iso: string } => d.iso !== null);
  const rangeEnds = new Set<D>();
  for (const a of resolved) {
    for (const b of resolved) {
      if (b.start <= a.end) continue;
      const between = sentence.slice(a.end, b.start);
      const before = sentence.slice(Math.max(0, a.start - 12), a.start);
      if (
        (/\bbetween\s+$/i.test(before) && /^\s*and\s+$/i.test(between)) ||
        (/\bfrom\s+$/i.test(before) && /^\s*(?:to|until|through)\s+$/i.test(between))
      ) {
        rangeEnds.add(b);
      }
    }
  }
  return resolved.filter(
    (d) =>
      !rangeEnds.has(d) &&
      !resolved.some((x) => x !== d && x.iso !== d.iso && x.iso.startsWith(`${d.iso}-`)),
  );
}

export function buildTimeline(
  index: StoryIndex,
  aligned: AlignResult,
  facts: readonly FactCandidate[],
  statementOf: StatementOf = (u) => statementText(u.sentence.text),
): TimelineEntry[] {
  const entries = new Map<string, TimelineEntry & { evidence: Evidence[] }>();
  for (const u of index.units) {
    const g = aligned.groupOf[u.id];
    for (const d of timelineDates(u.sentence.text, u.dates)) {
      // One entry per aligned group and date (copies of one sentence are one event); the
      // group's wording stands for it when it carries the same date, else the first member's
      // that does (a garbled copy can lose the date: "final month").
      const rep = facts[g].representative;
      const repHasDate = rep.dates.some((x) => x.iso === d.iso);
      const key = `${d.iso}|g${g}`;
      let e = entries.get(key);
      if (!e) {
        e = {
          date: d.iso,
          precision: d.precision as DatePrecision,
          text: statementOf(repHasDate ? rep : u),
          sources: [],
          evidence: [],
        };
        entries.set(key, e);
      }
      if (!e.sources.includes(u.source)) e.sources.push(u.source);
      if (!e.evidence.some((x) => x.source === u.source && x.sentence === u.sentence.index)) {
        e.evidence.push({ source: u.source, sentence: u.sentence.index, text: u.sentence.text });
      }
    }
  }
  const list = [...entries.values()];
  for (const e of list) e.sources.sort();
  list.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.text < b.text ? -1 : a.text > b.text ? 1 : 0,
  );
  return list.slice(0, MAX_TIMELINE);
}
