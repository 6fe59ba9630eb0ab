/**
 * Contradictions: the same quantity or date given differently by different sources, found in
 * aligned sentences (same fact) or in sentences whose words around the number match closely.
 */
import type { Conflict, Evidence, QuantityMention } from "../model.js";
import { terms } from "../text/tokens.js";
import type { AlignResult } from "./align.js";
import type { StoryIndex, Unit } from "./story-index.js";

/**
 * Outside aligned facts, two numbers with the same unit are about the same thing when they
 * share a descriptor: the content word just before the number or just after its unit
 * ("leaving 17 people injured" / "injuring 14 people" share "injur"). Different counts that
 * merely share a noun ("three firefighters treated" / "120 firefighters battled") do not.
 */
const DESCRIPTOR_WORDS = 1;
/** An "about N" value covers N ± this fraction. */
const ABOUT_TOLERANCE = 0.2;

interface Observation {
  unit: Unit;
  value: string;
  /** The number itself (for dates: 0). */
  num: number;
  low: number;
  high: number;
}

/** An "about" clock time covers this many minutes either side. */
const ABOUT_MINUTES = 15;

function interval(q: QuantityMention): [number, number] {
  if (q.unit === "time" && q.qualifier === "about")
    return [q.value - ABOUT_MINUTES, q.value + ABOUT_MINUTES];
  switch (q.qualifier) {
    case "more":
      return [q.value, Number.POSITIVE_INFINITY];
    case "less":
      return [0, q.value];
    case "about":
      return [q.value * (1 - ABOUT_TOLERANCE), q.value * (1 + ABOUT_TOLERANCE)];
    default:
      return [q.value, q.value];
  }
}

function compatible(a: Observation[], b: Observation[]): boolean {
  return a.some((x) => b.some((y) => x.low <= y.high && y.low <= x.high));
}

function contextTerms(text: string, q: QuantityMention): Set<string> {
  const content = (t: string) => !/\d/.test(t) && t !== q.unit;
  const before = terms(text.slice(0, q.start)).filter(content).slice(-DESCRIPTOR_WORDS);
  // After the number: skip the unit word itself, then take the next content word.
  const after = terms(text.slice(q.end)).filter(content).slice(0, DESCRIPTOR_WORDS);
  return new Set([...before, ...after]);
}

/** Finds conflicting quantities and dates. */
export function findConflicts(
  index: StoryIndex,
  aligned: AlignResult,
  factText: (group: number) => string,
): Conflict[] {
  const out: Conflict[] = [];
  const seen = new Map<string, Conflict>();
  const emit = (about: string, bySource: Map<string, Observation[]>, unitKey: string) => {
    const numbers = new Set<number>();
    for (const obs of bySource.values()) for (const o of obs) numbers.add(o.num);
    const values = new Map<string, { sources: Set<string>; evidence: Evidence[] }>();
    for (const [source, obs] of bySource) {
      const key = obs
        .map((o) => o.value)
        .sort()
        .join(" / ");
      let v = values.get(key);
      if (!v) values.set(key, (v = { sources: new Set(), evidence: [] }));
      v.sources.add(source);
      for (const o of obs) {
        if (!v.evidence.some((e) => e.source === source && e.sentence === o.unit.sentence.index)) {
          v.evidence.push({ source, sentence: o.unit.sentence.index, text: o.unit.sentence.text });
        }
      }
    }
    if (values.size < 2) return;
    const conflict: Conflict = {
      about,
      values: [...values.entries()]
        .map(([value, v]) => ({ value, sources: [...v.sources].sort(), evidence: v.evidence }))
        .sort((a, b) => b.sources.length - a.sources.length || (a.value < b.value ? -1 : 1)),
    };
    // One conflict per unit and set of numbers: later sightings add their sources.
    const key = `${unitKey}|${[...numbers].sort((x, y) => x - y).join(",")}`;
    const earlier = seen.get(key);
    if (earlier) {
      for (const v of conflict.values) {
        const same = earlier.values.find((e) => e.value === v.value);
        if (same) {
          same.sources = [...new Set([...same.sources, ...v.sources])].sort();
          for (const ev of v.evidence ?? [])
            if (!same.evidence?.some((x) => x.source === ev.source && x.sentence === ev.sentence))
              same.evidence?.push(ev);
        } else earlier.values.push(v);
      }
      earlier.values.sort(
        (a, b) => b.sources.length - a.sources.length || (a.value < b.value ? -1 : 1),
      );
      return;
    }
    seen.set(key, conflict);
    out.push(conflict);
  };
  // 1. Within aligned groups: same unit, disjoint values between sources.
  aligned.groups.forEach((group, g) => {
    if (group.length < 2) return;
    const units = group.map((id) => index.units[id]);
    const byUnit = new Map<string, Map<string, Observation[]>>();
    for (const u of units) {
      for (const q of u.quantities) {
        if (!q.unit) continue;
        const [low, high] = interval(q);
        let m = byUnit.get(q.unit);
        if (!m) byUnit.set(q.unit, (m = new Map()));
        const list = m.get(u.source) ?? [];
        list.push({ unit: u, value: q.text, num: q.value, low, high });
        m.set(u.source, list);
      }
    }
    for (const [unit, bySource] of [...byUnit].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const lists = [...bySource.values()];
      let clash = false;
      for (let i = 0; i < lists.length && !clash; i++) {
        for (let j = i + 1; j < lists.length && !clash; j++)
          if (!compatible(lists[i], lists[j])) clash = true;
      }
      if (clash) emit(`${unitLabel(bySource, unit)}: ${factText(g)}`, bySource, unit);
    }
    // Dates of the same fact at the same precision.
    const byPrecision = new Map<string, Map<string, Observation[]>>();
    for (const u of units) {
      for (const d of u.dates) {
        if (!d.iso || d.relative) continue;
        let m = byPrecision.get(d.precision);
        if (!m) byPrecision.set(d.precision, (m = new Map()));
        const list = m.get(u.source) ?? [];
        if (!list.some((o) => o.value === d.iso))
          list.push({ unit: u, value: d.iso, num: 0, low: 0, high: 0 });
        m.set(u.source, list);
      }
    }
    for (const [, bySource] of byPrecision) {
      if (bySource.size < 2) continue;
      const lists = [...bySource.values()];
      const sets = lists.map((l) => new Set(l.map((o) => o.value)));
      let clash = false;
      for (let i = 0; i < sets.length; i++)
        for (let j = i + 1; j < sets.length; j++)
          if (![...sets[i]].some((v) => sets[j].has(v))) clash = true;
      if (clash) emit(`date: ${factText(g)}`, bySource, `date ${g}`);
    }
  });
  // 2. Across groups: same unit, close context words, different sources.
  const obs: { u: Unit; q: QuantityMention; ctx: Set<string> }[] = [];
  for (const u of index.units)
    for (const q of u.quantities)
      if (q.unit) obs.push({ u, q, ctx: contextTerms(u.sentence.text, q) });
  for (let i = 0; i < obs.length; i++) {
    for (let j = i + 1; j < obs.length; j++) {
      const a = obs[i];
      const b = obs[j];
      if (a.u.family === b.u.family || a.q.unit !== b.q.unit) continue;
      if (aligned.groupOf[a.u.id] === aligned.groupOf[b.u.id]) continue;
      if (![...a.ctx].some((t) => b.ctx.has(t))) continue;
      const [al, ah] = interval(a.q);
      const [bl, bh] = interval(b.q);
      if (al <= bh && bl <= ah) continue;
      const m = new Map<string, Observation[]>([
        [a.u.source, [{ unit: a.u, value: a.q.text, num: a.q.value, low: al, high: ah }]],
        [b.u.source, [{ unit: b.u, value: b.q.text, num: b.q.value, low: bl, high: bh }]],
      ]);
      emit(`${unitLabel(m, a.q.unit)}: ${a.u.sentence.text}`, m, a.q.unit);
    }
  }
  return out;
}

function unitLabel(bySource: Map<string, Observation[]>, unit: string): string {
  if (unit === "time" || unit === "$" || unit === "%") return unit;
  const first = [...bySource.values()][0]?.[0]?.value ?? unit;
  const word = /[\p{L}]+$/u.exec(first);
  return word ? word[0] : unit;
}
