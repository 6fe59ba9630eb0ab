/**
 * Dates in running text, absolute ("June 12", "September 2023", "in 2000", "11/27/2005") and
 * relative ("last September", "on Tuesday", "yesterday", "earlier this year"), resolved against
 * a reference date (the article's publication) with the precision known: year, month or day.
 */

export type DatePrecisionKnown = "year" | "month" | "day";

/** A reference date: the article's publication day at a known precision. */
export interface ReferenceDate {
  year: number;
  month?: number;
  day?: number;
  /**
   * True when the date is another report's, not the article's own: then only expressions that
   * survive a few weeks' error are resolved ("last September", "in 2000", "last year"), not
   * "yesterday", "on Tuesday", "last week" or "last month".
   */
  borrowed?: boolean;
}

export interface DateMention {
  text: string;
  start: number;
  end: number;
  /** ISO 8601 at its precision ("2023", "2023-09", "2024-06-12"); null when unresolved. */
  iso: string | null;
  precision: DatePrecisionKnown;
  /** True when the date was computed from the reference date ("last month"). */
  relative: boolean;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

const MONTH_RE =
  "\\b(jan(?:uary|\\.)?|feb(?:ruary|\\.)?|march|mar\\.|april|apr\\.|may|june|jun\\.|july|jul\\.|aug(?:ust|\\.)?|sept(?:ember|\\.)?|sep\\.|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?)(?![a-z])";

/** Words that say a bare weekday or month lies ahead of the reference date, not behind it. */
const FUTURE_CUES =
  /\b(will|shall|is set to|are set to|scheduled|expected|plans? to|planned|to be held|upcoming|going to|would|next)\b/i;

/**
 * A bare month with a future cue is read as upcoming only within this many months of the
 * reference ("scheduled for July" written in October is last July, postponed).
 */
const FUTURE_HORIZON_MONTHS = 6;

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  return MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3)));
}

const pad = (n: number) => String(n).padStart(2, "0");

function iso(year: number, month?: number, day?: number): string {
  if (month === undefined) return String(year);
  if (day === undefined) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Parses an ISO 8601 publication date into a reference date at its precision. */
export function referenceFrom(published: string | null | undefined): ReferenceDate | null {
  if (!published) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published);
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: m[2] ? Number(m[2]) : undefined,
    day: m[3] ? Number(m[3]) : undefined,
  };
}

function shiftDays(ref: ReferenceDate, days: number): { y: number; m: number; d: number } {
  const t = Date.UTC(ref.year, (ref.month ?? 1) - 1, ref.day ?? 1) + days * 86_400_000;
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

interface Rule {
  re: RegExp;
  resolve: (
    m: RegExpExecArray,
    ref: ReferenceDate | null,
    sentence: string,
  ) => { iso: string | null; precision: DatePrecisionKnown; relative: boolean } | null;
}

const RULES: Rule[] = [
  // 2024-06-18
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    resolve: (m) => ({
      iso: iso(+m[1], +m[2], +m[3]),
      precision: "day",
      relative: false,
    }),
  },
  // 11/27/2005 (US order; day-first when the first part exceeds 12)
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    resolve: (m) => {
      let mo = +m[1];
      let d = +m[2];
      if (mo > 12) [mo, d] = [d, mo];
      if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
      return { iso: iso(+m[3], mo, d), precision: "day", relative: false };
    },
  },
  // June 12, 2024 / June 12 / 12 June 2024 / 12 June
  {
    re: new RegExp(`${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, "giu"),
    resolve: (m, ref, s) => monthDay(monthIndex(m[1]) + 1, +m[2], m[3] ? +m[3] : null, ref, s),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}(?:,?\\s+(\\d{4}))?`, "giu"),
    resolve: (m, ref, s) => monthDay(monthIndex(m[2]) + 1, +m[1], m[3] ? +m[3] : null, ref, s),
  },
  // last/next/this September
  {
    re: new RegExp(`\\b(last|next|this|earlier this|later this)\\s+${MONTH_RE}`, "giu"),
    resolve: (m, ref) => {
      if (!ref?.month) return { iso: null, precision: "month", relative: true };
      const mo = monthIndex(m[2]) + 1;
      const w = m[1].toLowerCase();
      let y = ref.year;
      if (w === "last" && mo >= ref.month) y -= 1;
      if (w === "next" && mo <= ref.month) y += 1;
      return { iso: iso(y, mo), precision: "month", relative: true };
    },
  },
  // September 2023 / in September
  {
    re: new RegExp(`${MONTH_RE}(?:\\s+(?:of\\s+)?(\\d{4}))?\\b`, "giu"),
    resolve: (m, ref, s) => {
      const mo = monthIndex(m[1]) + 1;
      if (m[1].toLowerCase() === "may" && !m[2]) return null; // the modal verb
      if (m[2]) return { iso: iso(+m[2], mo), precision: "month", relative: false };
      // A bare month must start with a capital to be a month ("march" is a verb).
      if (!/^\p{Lu}/u.test(m[1])) return null;
      if (!ref?.month) return { iso: null, precision: "month", relative: true };
      let y = ref.year;
      const ahead = (mo - ref.month + 12) % 12;
      if (FUTURE_CUES.test(s) && ahead <= FUTURE_HORIZON_MONTHS) {
        if (mo < ref.month) y += 1;
      } else if (mo > ref.month) y -= 1;
      return { iso: iso(y, mo), precision: "month", relative: true };
    },
  },
  // yesterday / today / tomorrow
  {
    re: /\b(yesterday|today|tomorrow)\b/gi,
    resolve: (m, ref) => {
      if (ref?.day === undefined || ref.borrowed)
        return { iso: null, precision: "day", relative: true };
      const delta = { yesterday: -1, today: 0, tomorrow: 1 }[m[1].toLowerCase()] ?? 0;
      const d = shiftDays(ref, delta);
      return { iso: iso(d.y, d.m, d.d), precision: "day", relative: true };
    },
  },
  // (on|last|next|this) Tuesday
  {
    re: /\b(?:(on|last|next|this|since|by|until)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    resolve: (m, ref, s) => {
      if (ref?.day === undefined || ref.borrowed)
        return { iso: null, precision: "day", relative: true };
      const target = WEEKDAYS.indexOf(m[2].toLowerCase());
      const today = new Date(Date.UTC(ref.year, (ref.month ?? 1) - 1, ref.day)).getUTCDay();
      const w = (m[1] ?? "").toLowerCase();
      const future = w === "next" || (w !== "last" && w !== "since" && FUTURE_CUES.test(s));
      let delta: number;
      if (future) delta = (target - today + 7) % 7 || 7;
      else delta = -((today - target + 7) % 7 || (w === "last" ? 7 : 0));
      if (w === "next" && delta < 7 && (target - today + 7) % 7 === 0) delta = 7;
      const d = shiftDays(ref, delta);
      return { iso: iso(d.y, d.m, d.d), precision: "day", relative: true };
    },
  },
  // last/next/this week|month|year, earlier this year, a year ago
  {
    re: /\b(last|next|this|earlier this|later this|previous)\s+(week|month|year)\b/gi,
    resolve: (m, ref) => {
      const unit = m[2].toLowerCase();
      const w = m[1].toLowerCase();
      const step = w === "last" || w === "previous" ? -1 : w === "next" ? 1 : 0;
      if (!ref) return { iso: null, precision: unit === "year" ? "year" : "month", relative: true };
      if (unit === "year") return { iso: iso(ref.year + step), precision: "year", relative: true };
      if (!ref.month || ref.borrowed) return { iso: null, precision: "month", relative: true };
      if (unit === "month") {
        const t = (ref.year * 12 + ref.month - 1 + step) | 0;
        return { iso: iso(Math.floor(t / 12), (t % 12) + 1), precision: "month", relative: true };
      }
      // A week is known only to its month.
      const d = shiftDays({ ...ref, day: ref.day ?? 15 }, 7 * step);
      return { iso: iso(d.y, d.m), precision: "month", relative: true };
    },
  },
  // (in|since|by|of) 2000 — a bare year after a preposition
  {
    re: /\b(in|since|by|of|from|until|before|after|during|early|late|mid-?)\s+((?:1[89]|20)\d{2})\b(?![-\d,.]\d)/gi,
    resolve: (m) => ({ iso: m[2], precision: "year", relative: false }),
  },
];

function monthDay(
  month: number,
  day: number,
  year: number | null,
  ref: ReferenceDate | null,
  sentence: string,
): { iso: string | null; precision: DatePrecisionKnown; relative: boolean } | null {
  if (month < 1 || day < 1 || day > 31) return null;
  if (year !== null) return { iso: iso(year, month, day), precision: "day", relative: false };
  if (!ref?.month) return { iso: null, precision: "day", relative: true };
  let y = ref.year;
  const refKey = ref.month * 40 + (ref.day ?? 15);
  const key = month * 40 + day;
  const ahead = (month - ref.month + 12) % 12;
  if (FUTURE_CUES.test(sentence) && ahead <= FUTURE_HORIZON_MONTHS) {
    if (key < refKey - 40) y += 1;
  } else if (key > refKey + 40) y -= 1;
  return { iso: iso(y, month, day), precision: "day", relative: true };
}

/**
 * A plan told in the past ("the inspection, scheduled for July, was postponed", "was due in
 * May") or one that never happened: its date lies behind the reference, whatever cue the clause
 * holds, so the clause's future cues are ignored.
 */
const PAST_PLAN =
  /\b(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?(?:postponed|cancelled|canceled|called off|delayed|scrapped|put off|scheduled|planned|due|expected|set)\b|\bnever\s+(?:took place|happened|went ahead|carried out|held)\b|\bdid not (?:take place|happen|go ahead)\b/i;

/** Tense cues are read in the clause that holds the date: the text since the last comma. */
const CLAUSE_WINDOW = 100;

function clauseBefore(sentence: string, start: number): string {
  const before = sentence.slice(Math.max(0, start - CLAUSE_WINDOW), start);
  const cut = Math.max(before.lastIndexOf(","), before.lastIndexOf(";"), before.lastIndexOf("—"));
  return before.slice(cut + 1);
}

/**
 * Finds the date expressions of one sentence, left to right, without overlaps (the earliest,
 * longest match wins). Dates that need a reference but have none come back with iso null.
 */
export function extractDates(sentence: string, ref: ReferenceDate | null = null): DateMention[] {
  const found: DateMention[] = [];
  // Words glued by a lost space ("SeptemberThe") are cut apart without moving offsets.
  const work = sentence.replace(/(?<=\p{Ll})\p{Lu}/gu, "#");
  const pastPlan = PAST_PLAN.test(sentence);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of work.matchAll(rule.re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const clause = pastPlan ? "" : clauseBefore(sentence, start);
      const r = rule.resolve(m as unknown as RegExpExecArray, ref, clause);
      if (!r) continue;
      found.push({ text: sentence.slice(start, end), start, end, ...r });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
