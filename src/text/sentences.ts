/**
 * Sentence splitting for news prose: finds sentence ends in a paragraph while surviving
 * abbreviations (U.S., Mr., Jan., No. 5, a.m.), initials, decimals, quotes and ellipses.
 */
import { scanMarks } from "./quote-marks.js";

/** A sentence's character span [start, end) inside the text it was split from. */
export interface Span {
  start: number;
  end: number;
}

/** Abbreviations that never end a sentence (titles, months, Latin, "St."), folded, no dot. */
const NEVER_FINAL = new Set(
  (
    "mr mrs ms dr prof gen lt col maj capt cmdr sgt adm rep sen gov pres rev fr hon st mt ft " +
    "jan feb mar apr jun jul aug sep sept oct nov dec vs approx dept est bros " +
    "e.g i.e cf al no nos vol fig ave blvd rd"
  ).split(" "),
);

/**
 * Words that usually open a sentence: after an ambiguous abbreviation ("U.S.", "a.m.", "Inc.")
 * a following capitalised word from this list means the period also ended the sentence.
 */
const SENTENCE_OPENERS = new Set(
  (
    "the a an it he she they we i but and or so this that these those there his her their its " +
    "in on at after before when while however meanwhile yet still also if as for our my " +
    "some many most no not one both all each officials police"
  ).split(" "),
);

/** Abbreviations that can also end a sentence ("in the U.S." / "at 9 a.m."), folded, no dots. */
const AMBIGUOUS = new Set(["inc", "corp", "ltd", "co", "etc", "jr", "sr"]);

/** Words that may follow "p.m." inside a sentence ("2 p.m. Tuesday", "9 a.m. GMT"). */
const TIME_FOLLOWERS =
  /^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|gmt|bst|utc|edt|est|cet|pst|pdt|cest|local)/i;

const CLOSERS = "\"'”’)]»";
const OPENERS = "\"'“‘([«";

/** Splits a paragraph into sentence spans. Line breaks always end a sentence (headings, lists). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) {
      // A run of bare punctuation ("streets. \"" with a spaced closing quote) is no sentence:
      // it belongs to the one before.
      const last = spans[spans.length - 1];
      if (
        last &&
        !/[\p{L}\p{N}]/u.test(text.slice(s, e)) &&
        !text.slice(last.end, s).includes("\n")
      ) {
        last.end = e;
      } else {
        spans.push({ start: s, end: e });
      }
    }
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      push(i);
      continue;
    }
    if (ch !== "." && ch !== "!" && ch !== "?" && ch !== "…") continue;
    // Extend over a run of terminal punctuation and closing quotes/brackets.
    let j = i + 1;
    while (j < text.length && /[.!?…]/.test(text[j])) j++;
    while (j < text.length && CLOSERS.includes(text[j])) j++;
    // A boundary needs whitespace then an upper-case letter, digit or opening quote.
    if (j < text.length && !/\s/.test(text[j])) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < text.length && /[ \t\u00a0]/.test(text[k])) k++;
    // Straight marks spaced off in tokenised text ("people? '\" Howard said"), which would
    // read as opening the next sentence, stay with this one when they close a quote open in
    // the paragraph.
    for (
      let run = /^["'][”’"']*(?=\s|$)/.exec(text.slice(k));
      run && k > j && scanMarks(text.slice(0, j)).end.length > 0;
      run = /^["'][”’"']*(?=\s|$)/.exec(text.slice(k))
    ) {
      j = k + run[0].length;
      k = j;
      while (k < text.length && /[ \t\u00a0]/.test(text[k])) k++;
    }
    if (k >= text.length) {
      i = j - 1;
      continue;
    }
    const next = text[k];
    if (next !== "\n" && !(/[\p{Lu}\p{N}]/u.test(next) || OPENERS.includes(next))) {
      i = j - 1;
      continue;
    }
    if (ch === "." && j === i + 1 && !isSentenceEndingPeriod(text, i, k)) continue;
    push(j);
    i = j - 1;
  }
  push(text.length);
  return spans;
}

/** Decides whether the single period at `dot` ends a sentence; `next` indexes the next word. */
function isSentenceEndingPeriod(text: string, dot: number, next: number): boolean {
  // The word before the period, including inner dots ("U.S", "a.m", "J").
  let b = dot;
  while (b > 0 && /[\p{L}\p{N}.]/u.test(text[b - 1])) b--;
  const before = text.slice(b, dot);
  const folded = before.toLowerCase();
  const nextWord = (/^[\p{L}\p{N}'’]+/u.exec(text.slice(next)) ?? [""])[0];
  const nextFolded = nextWord.toLowerCase();
  if (before === "") return true;
  // "No. 5", "Nos. 3": an abbreviation only before a number.
  if ((folded === "no" || folded === "nos") && /^\d/.test(nextWord)) return false;
  if (folded === "no" || folded === "nos") return true;
  if (NEVER_FINAL.has(folded)) return false;
  // Initials: a single capital letter ("J. K. Rowling") never ends a sentence.
  if (/^\p{Lu}$/u.test(before)) return false;
  // "a.m." / "p.m." end a sentence before any capitalised word but a day, month or zone.
  if (folded === "a.m" || folded === "p.m") {
    return /^\p{Lu}/u.test(nextWord) && !TIME_FOLLOWERS.test(nextWord);
  }
  // Dotted abbreviations ("U.S", "U.N"): end only before a sentence opener.
  if (/^(\p{L}\.)+\p{L}$/u.test(before) || AMBIGUOUS.has(folded)) {
    return SENTENCE_OPENERS.has(nextFolded);
  }
  return true;
}
