/**
 * Quantities in running text: "2,300 residents", "$4 billion", "120 mm", "more than 100
 * countries", "two-day", "a dozen" — each with its value, unit word and any hedge ("more than").
 */
import { fold, STOP_WORDS, stem } from "./tokens.js";

/** How a quantity is hedged: exact, a lower bound ("more than"), an upper bound or approximate. */
export type Qualifier = "exact" | "more" | "less" | "about";

export interface Quantity {
  /** The numeric value (scaled: "$4 billion" → 50e9). */
  value: number;
  /** The words as written, hedge included. */
  text: string;
  /** Stem of the counted noun or unit ("contain", "mm", "day"), "$"/"€"/"£" for money, "%". */
  unit: string;
  qualifier: Qualifier;
  start: number;
  end: number;
}

const SCALE: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};

const HEDGES: [RegExp, Qualifier][] = [
  [/(?:more than|over|at least|upwards of|in excess of|exceeding)\s+$/i, "more"],
  [/(?:less than|fewer than|under|up to|at most|nearly|almost|just under)\s+$/i, "less"],
  [/(?:about|around|roughly|approximately|some|an estimated|estimated|approx\.)\s+$/i, "about"],
];

const MONTH_BEFORE =
  /(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+$/i;

const NUMERAL =
  /(?:([$€£])\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(hundred|thousand|million|billion|trillion|bn|mln|tn)\b)?(\s?%|\s(?:percent|per cent)\b)?/gi;

/** Clock times: "4:10 a.m.", "3:40am", "14:30"; value in minutes after midnight, unit "time". */
const CLOCK =
  /\b(\d{1,2})(?::(\d{2})(?!\d)|\.(\d{2})(?=\s?[ap]\.?m))(?:\s?([ap]\.?m\.?)(?![\p{L}]))?/giu;

const WORDED =
  /\b(?:(a(?=\s(?:dozen|hundred|thousand|million|billion|trillion)\b)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](one|two|three|four|five|six|seven|eight|nine))?(?:\s(dozen|hundred|thousand|million|billion|trillion))?)\b/gi;

/** Finds the quantities in a sentence, in order of position. Years and dates are left to dates.ts. */
export function extractQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(CLOCK)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    let hours = Number(m[1]);
    const minutes = Number(m[2] ?? m[3]);
    if (hours > 23 || minutes > 59) continue;
    const meridiem = (m[4] ?? "").toLowerCase().replace(/\./g, "");
    if (meridiem === "pm" && hours < 12) hours += 12;
    if (meridiem === "am" && hours === 12) hours = 0;
    const hedge = hedgeBefore(text, start);
    out.push({
      value: hours * 60 + minutes,
      text: text.slice(hedge.start, end).trim(),
      unit: "time",
      qualifier: hedge.qualifier,
      start: hedge.start,
      end,
    });
  }
  for (const m of text.matchAll(NUMERAL)) {
    const start = m.index ?? 0;
    if (overlaps(out, start + (m[0].length - m[0].trimStart().length), start + m[0].length))
      continue;
    const raw = m[0];
    let end = start + raw.length;
    const prev = text.slice(Math.max(0, start - 2), start);
    const after = text.slice(end, end + 1);
    // Parts of dates, times, ids, ordinals: "11/27/2005", "9:30", "3rd", "A320".
    if (/[/:\p{L}]$|\p{L}-$/u.test(prev) || /^[/:]/.test(after) || /^\d/.test(after)) continue;
    if (/^(?:st|nd|rd|th)\b/i.test(text.slice(end))) continue;
    const currency = m[1] ?? "";
    const integer = m[2].replace(/,/g, "");
    let value = Number(integer + (m[3] ?? ""));
    if (m[4]) value *= SCALE[m[4].toLowerCase()] ?? 1;
    if (!currency && !m[4] && !m[5] && !m[3] && !m[2].includes(",")) {
      const n = Number(integer);
      if (MONTH_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue;
      if (n >= 1800 && n <= 2100 && !countedNounFollows(text, end)) continue;
    }
    let unit = currency;
    if (m[5]) unit = "%";
    if (!unit) {
      const noun = unitAfter(text, end);
      unit = noun.unit;
      if (noun.hyphen) end = noun.end;
    }
    const hedge = hedgeBefore(text, start);
    out.push({
      value,
      text: text.slice(hedge.start, end).trim(),
      unit,
      qualifier: hedge.qualifier,
      start: hedge.start,
      end,
    });
  }
  for (const m of text.matchAll(WORDED)) {
    const start = m.index ?? 0;
    if (overlaps(out, start, start + m[0].length)) continue;
    const head = m[1].toLowerCase();
    if (head === "a" && !m[3]) continue;
    if (head === "one" && !m[2] && !m[3]) {
      // "one" is mostly a pronoun ("one of the"); keep only "one-day" style compounds.
      if (text[start + m[0].length] !== "-") continue;
    }
    let value = head === "a" ? 1 : (NUMBER_WORDS[head] ?? 0);
    if (m[2]) value += NUMBER_WORDS[m[2].toLowerCase()] ?? 0;
    if (m[3]) value *= m[3].toLowerCase() === "dozen" ? 12 : SCALE[m[3].toLowerCase()];
    let end = start + m[0].length;
    const noun = unitAfter(text, end);
    if (!noun.unit) continue;
    if (noun.hyphen) end = noun.end;
    const hedge = hedgeBefore(text, start);
    out.push({
      value,
      text: text.slice(hedge.start, end).trim(),
      unit: noun.unit,
      qualifier: hedge.qualifier,
      start: hedge.start,
      end,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

function overlaps(qs: Quantity[], start: number, end: number): boolean {
  return qs.some((q) => start < q.end && end > q.start);
}

function hedgeBefore(text: string, start: number): { start: number; qualifier: Qualifier } {
  const window = text.slice(Math.max(0, start - 24), start);
  for (const [re, qualifier] of HEDGES) {
    const m = re.exec(window);
    if (m) return { start: start - (window.length - m.index), qualifier };
  }
  return { start, qualifier: "exact" };
}

/** A year-like number followed by a plural noun is a count ("2000 people"), not a year. */
function countedNounFollows(text: string, end: number): boolean {
  const m = /^\s+([a-z]+s)\b/.exec(text.slice(end));
  return m !== null && !STOP_WORDS.has(m[1]);
}

/** The counted noun or unit after a number: "containers", "mm", "-day", "of people". */
function unitAfter(text: string, end: number): { unit: string; end: number; hyphen: boolean } {
  const hyphen = /^-([\p{L}]+)/u.exec(text.slice(end));
  if (hyphen) return { unit: stem(hyphen[1]), end: end + hyphen[0].length, hyphen: true };
  const rest = text.slice(end, end + 60);
  const m = /^\s+(?:of\s+)?([\p{L}]+)(?:\s+([\p{L}]+))?/u.exec(rest);
  if (!m) return { unit: "", end, hyphen: false };
  const first = fold(m[1]);
  // A capitalised word after a number is a name, not a counted noun ("mum-of-three Stacey").
  if (STOP_WORDS.has(first) || first.length < 2 || /^\p{Lu}\p{Ll}/u.test(m[1])) {
    return { unit: "", end, hyphen: false };
  }
  return { unit: stem(first), end, hyphen: false };
}
