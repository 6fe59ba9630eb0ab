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

export function buildTimeline(
  index: StoryIndex,
  aligned: AlignResult,
  facts: readonly FactCandidate[],
  statementOf: StatementOf = (u) => statementText(u.sentence.text),
): TimelineEntry[] {
  const entries = new Map<string, TimelineEntry & { evidence: Evidence[] }>();
  for (const u of index.units) {
    const g = aligned.groupOf[u.id];
    for (const d of u.dates) {
      if (!d.iso) continue;
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
