/**
 * Contradictions: the same quantity or date given differently by different sources, found in
 * aligned sentences (same fact) or in sentences whose words around the number match closely.
 */
import type { Conflict, Evidence, QuantityMention } from "../model.js";
import { fold, STOP_WORDS, stem, terms, words } from "../text/tokens.js";
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
  /** The counted word as written after the number (\"people\"), when there is one. */
  noun?: string;
  /** The number itself (NaN for dates). */
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

interface Quantity {
  u: Unit;
  q: QuantityMention;
  ctx: Set<string>;
  low: number;
  high: number;
  group: number;
}

/**
 * Context words each side when listing more reports under a clashing value (same number and
 * unit): wider than DESCRIPTOR_WORDS, since the value is already known to be in dispute
 * ("14 people taken to hospital" / "14 people treated in hospital" share "hospital").
 */
const EXPAND_WORDS = 2;

/** Sentences that open their report (the first two body sentences): they state the main event. */
const OPENING_SENTENCES = 2;

function openingUnits(index: StoryIndex): Set<number> {
  const out = new Set<number>();
  for (const byIndex of index.byDoc.values()) {
    [...byIndex.values()]
      .sort((a, b) => a.sentence.index - b.sentence.index)
      .slice(0, OPENING_SENTENCES)
      .forEach((u) => {
        out.add(u.id);
      });
  }
  return out;
}

function contextTerms(text: string, q: QuantityMention, width = DESCRIPTOR_WORDS): Set<string> {
  const content = (t: string) => !/\d/.test(t) && t !== q.unit;
  const before = terms(text.slice(0, q.start)).filter(content).slice(-width);
  // After the number: skip the unit word itself, then take the next content words.
  const after = terms(text.slice(q.end)).filter(content).slice(0, width);
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
    for (const obs of bySource.values())
      for (const o of obs) if (!Number.isNaN(o.num)) numbers.add(o.num);
    // Values are told apart by number ("about 4:10 a.m." and "4:10am" are one value), shown
    // in their commonest, then shortest, wording.
    const values = new Map<
      string,
      { sources: Set<string>; evidence: Evidence[]; texts: string[] }
    >();
    for (const [source, obs] of bySource) {
      const key = obs
        .map((o) => (Number.isNaN(o.num) ? o.value : String(o.num)))
        .sort()
        .join(" / ");
      let v = values.get(key);
      if (!v) values.set(key, (v = { sources: new Set(), evidence: [], texts: [] }));
      v.sources.add(source);
      v.texts.push(obs.map((o) => o.value).join(" / "));
      for (const o of obs) {
        if (!v.evidence.some((e) => e.source === source && e.sentence === o.unit.sentence.index)) {
          v.evidence.push({ source, sentence: o.unit.sentence.index, text: o.unit.sentence.text });
        }
      }
    }
    if (values.size < 2) return;
    const label = (texts: string[]) => {
      const count = new Map<string, number>();
      for (const t of texts) count.set(t, (count.get(t) ?? 0) + 1);
      return [...count].sort(
        (a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1),
      )[0][0];
    };
    const conflict: Conflict = {
      about,
      values: [...values.values()]
        .map((v) => ({
          value: label(v.texts),
          sources: [...v.sources].sort(),
          evidence: v.evidence,
        }))
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
  // 1. Quantities: same unit, a shared descriptor word, and about the same thing (same
  // aligned fact, a shared actor, or both opening their reports); grouped into components.
  const obs: Quantity[] = [];
  for (const u of index.units) {
    for (const q of u.quantities) {
      if (!q.unit || isConversion(u.sentence.text, q, u.quantities)) continue;
      const [low, high] = interval(q);
      obs.push({
        u,
        q,
        ctx: contextTerms(u.sentence.text, q),
        low,
        high,
        group: aligned.groupOf[u.id],
      });
    }
  }
  const opening = openingUnits(index);
  const related = (a: Quantity, b: Quantity) =>
    a.q.unit === b.q.unit &&
    a.u.source !== b.u.source &&
    [...a.ctx].some((t) => b.ctx.has(t)) &&
    (a.group === b.group ||
      a.u.actors.some((x) => b.u.actors.includes(x)) ||
      (opening.has(a.u.id) && opening.has(b.u.id)));
  const parent = obs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const clash = new Set<number>();
  for (let i = 0; i < obs.length; i++) {
    for (let j = i + 1; j < obs.length; j++) {
      const a = obs[i];
      const b = obs[j];
      if (!related(a, b)) continue;
      parent[find(i)] = find(j);
      if (a.u.family !== b.u.family && (a.high < b.low || b.high < a.low)) clash.add(i);
    }
  }
  const components = new Map<number, number[]>();
  obs.forEach((_, i) => {
    const r = find(i);
    components.set(r, [...(components.get(r) ?? []), i]);
  });
  // A wider context (two words each side) to find the same value told in other words.
  const wideCtx = new Map<number, Set<string>>();
  const wide = (i: number) => {
    let c = wideCtx.get(i);
    if (!c) wideCtx.set(i, (c = contextTerms(obs[i].u.sentence.text, obs[i].q, EXPAND_WORDS)));
    return c;
  };
  const byValue = new Map<string, number[]>();
  obs.forEach((o, i) => {
    const key = `${o.q.unit}|${o.q.value}`;
    byValue.set(key, [...(byValue.get(key) ?? []), i]);
  });
  for (const found of components.values()) {
    if (!found.some((i) => clash.has(i))) continue;
    // Every report that gives one of the clashing values for the same thing is listed with
    // it: the same number and unit, in a source already giving it or sharing a descriptor
    // with one that does ("14 people taken to hospital" joins "14 people treated in hospital").
    const members = found.slice();
    const inComponent = new Set(members);
    const queue = members.slice();
    while (queue.length > 0) {
      const i = queue.pop()!;
      const x = obs[i];
      for (const j of byValue.get(`${x.q.unit}|${x.q.value}`) ?? []) {
        if (inComponent.has(j)) continue;
        if (x.u.source !== obs[j].u.source && ![...wide(i)].some((t) => wide(j).has(t))) continue;
        members.push(j);
        inComponent.add(j);
        queue.push(j);
      }
    }
    const bySource = new Map<string, Observation[]>();
    for (const i of members) {
      const o = obs[i];
      const list = bySource.get(o.u.source) ?? [];
      if (!list.some((x) => x.num === o.q.value)) {
        const noun = /^\s*(?:of\s+)?(\p{L}+)/u.exec(o.u.sentence.text.slice(o.q.end))?.[1];
        list.push({ unit: o.u, value: o.q.text, num: o.q.value, low: o.low, high: o.high, noun });
      }
      bySource.set(o.u.source, list);
    }
    // A conflict needs two families whose values cannot both be right; a source that gives
    // both numbers (two ages in one sentence) does not contradict either, and two sources
    // that each give one of them do not contradict each other when another family gives both
    // (the count of this raid and the total of all raids so far: two quantities, not one).
    const entries = [...bySource.entries()];
    const overlap = (la: Observation[], lb: Observation[]) =>
      la.some((a) => lb.some((b) => a.low <= b.high && b.low <= a.high));
    const explained = (sa: string, sb: string, la: Observation[], lb: Observation[]) =>
      entries.some(
        ([sc, lc]) =>
          sc !== sa &&
          sc !== sb &&
          index.familyOf.get(sc) !== index.familyOf.get(sa) &&
          index.familyOf.get(sc) !== index.familyOf.get(sb) &&
          overlap(lc, la) &&
          overlap(lc, lb),
      );
    let disagree = false;
    for (let x = 0; x < entries.length && !disagree; x++) {
      for (let y = x + 1; y < entries.length && !disagree; y++) {
        const [sa, la] = entries[x];
        const [sb, lb] = entries[y];
        if (index.familyOf.get(sa) === index.familyOf.get(sb)) continue;
        if (!overlap(la, lb) && !explained(sa, sb, la, lb)) disagree = true;
      }
    }
    if (!disagree) continue;
    const first = obs[members[0]];
    emit(
      aboutLabel(
        members.map((i) => obs[i]),
        bySource,
      ),
      bySource,
      first.q.unit,
    );
  }
  // 2. Dates of the same fact at the same precision.
  aligned.groups.forEach((group, g) => {
    if (group.length < 2) return;
    const units = group.map((id) => index.units[id]);
    const byPrecision = new Map<string, Map<string, Observation[]>>();
    for (const u of units) {
      for (const d of u.dates) {
        // Bare years in one sentence are often different events ("born in 1923 … since 1950").
        if (!d.iso || d.relative || d.precision === "year") continue;
        let m = byPrecision.get(d.precision);
        if (!m) byPrecision.set(d.precision, (m = new Map()));
        const list = m.get(u.source) ?? [];
        if (!list.some((o) => o.value === d.iso))
          list.push({ unit: u, value: d.iso, num: Number.NaN, low: 0, high: 0 });
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
      if (clash) emit(`date (${shortPhrase(factText(g))})`, bySource, `date ${g}`);
    }
  });
  return out;
}

/** Text between a quantity (its unit glued or after it) and a bracketed restatement: "58km (". */
const CONVERSION_GAP =
  /^\s*[\p{L}.%]*\s*\(\s*(?:about|around|approximately|approx\.?|roughly|some|nearly)?\s*$/iu;

/**
 * A quantity in brackets right after another one restates it in other units ("58km (36
 * miles)", "1,150 kilometres (700 miles)"): a rounded conversion, not a figure of its own, so
 * it is never compared ("36 miles" against another report's "35 miles" is no contradiction).
 */
function isConversion(text: string, q: QuantityMention, all: readonly QuantityMention[]): boolean {
  return all.some(
    (p) => p !== q && p.end <= q.start && CONVERSION_GAP.test(text.slice(p.end, q.start)),
  );
}

/** Words cut from the end of a clause before a time ("broke out at about" → "broke out"). */
const LABEL_TRAILERS = new Set(
  "at about around approximately roughly some by from to of on in until after before the a an just shortly early late nearly almost".split(
    " ",
  ),
);
/** Adverb particles that belong to the verb before them ("broke out", "flared up"). */
const PARTICLES = new Set(["out", "up", "off", "down"]);
/** Most words in a label taken from the words before a clock time. */
const MAX_LABEL_WORDS = 5;

/**
 * A short noun phrase saying what the clashing values measure: for counts, the counted noun
 * and the descriptor most sources share ("people injured"); for clock times, the clause just
 * before the time ("time the blaze broke out"); else the unit.
 */
function aboutLabel(members: Quantity[], bySource: Map<string, Observation[]>): string {
  const unit = members[0].q.unit;
  if (unit === "time") {
    const phrases = new Map<string, number>();
    for (const m of members) {
      const before =
        m.u.sentence.text
          .slice(0, m.q.start)
          .split(/[,;:(—–-]\s/)
          .pop() ?? "";
      const ws = words(before);
      while (ws.length > 0 && LABEL_TRAILERS.has(fold(ws[ws.length - 1]))) ws.pop();
      // A long clause keeps its subject's head noun and its verb: "the blaze at the X plant
      // broke out" → "the blaze broke out".
      let kept = ws;
      if (ws.length > MAX_LABEL_WORDS) {
        const head = ws.findIndex((w) => !/^(?:the|a|an|its|their|this|that)$/i.test(w));
        const verb = PARTICLES.has(fold(ws[ws.length - 1])) ? ws.slice(-2) : ws.slice(-1);
        kept = [...ws.slice(0, head + 1), ...verb];
      }
      const phrase = kept.join(" ").toLowerCase();
      if (phrase) phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
    }
    const best = [...phrases].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0];
    return best ? `time ${best[0]}` : "time";
  }
  const noun = unitLabel(bySource, unit);
  // The descriptor stem the most observations share, in its past-participle form if any.
  const count = new Map<string, number>();
  for (const m of members) for (const t of m.ctx) count.set(t, (count.get(t) ?? 0) + 1);
  const top = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!top || top[1] < 2) return noun;
  const forms = new Map<string, number>();
  for (const m of members)
    for (const w of words(m.u.sentence.text)) {
      const f = fold(w);
      if (stem(f) === top[0]) forms.set(f, (forms.get(f) ?? 0) + 1);
    }
  const form = [...forms].sort(
    (a, b) =>
      Number(b[0].endsWith("ed")) - Number(a[0].endsWith("ed")) ||
      b[1] - a[1] ||
      (a[0] < b[0] ? -1 : 1),
  )[0]?.[0];
  if (!form || form === noun) return noun;
  return unit === "$" || unit === "%" ? `${form} (${unit})` : `${noun} ${form}`;
}

/** The first few content words of a statement, to name what a date clash is about. */
function shortPhrase(text: string): string {
  return words(text)
    .filter((w) => !STOP_WORDS.has(fold(w)))
    .slice(0, MAX_LABEL_WORDS)
    .join(" ");
}

function unitLabel(bySource: Map<string, Observation[]>, unit: string): string {
  if (unit === "time" || unit === "$" || unit === "%") return unit;
  for (const list of bySource.values())
    for (const o of list) if (o.noun) return o.noun.toLowerCase();
  const first = [...bySource.values()][0]?.[0]?.value ?? unit;
  const word = /[\p{L}]+$/u.exec(first);
  return word ? word[0] : unit;
}
