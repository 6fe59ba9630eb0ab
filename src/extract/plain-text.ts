/**
 * Splits a plain-text scrape into lines for the classifier: one line per paragraph, blank-line
 * gaps remembered, hard-wrapped paragraphs (fixed-width text) joined back together.
 */
import type { LineIn } from "./line-classifier.js";
import { isDateLine } from "./dates.js";
import { normalizeLine, normalizeText } from "./normalize.js";

/**
 * A line at least this long that does not end a sentence, followed by a line starting in lower
 * case or a digit, is a hard wrap: the two are joined, unless the next line is a date line
 * ("05/02/2013" under a headline). Shorter lines are headings or list items.
 */
const WRAP_MIN_CHARS = 40;

export function textLines(text: string): LineIn[] {
  const raw = normalizeText(text).split("\n");
  const out: LineIn[] = [];
  let gap = 0;
  for (const r of raw) {
    const line = normalizeLine(r);
    if (line === "") {
      gap++;
      continue;
    }
    const prev = out[out.length - 1];
    if (
      prev &&
      gap === 0 &&
      prev.text.length >= WRAP_MIN_CHARS &&
      !/[.!?:;"”’)\]]$/.test(prev.text) &&
      /^[\p{Ll}(\d]/u.test(line) &&
      !(/^\d/.test(line) && isDateLine(line))
    ) {
      prev.text = `${prev.text} ${line}`;
      continue;
    }
    out.push({ text: line, gapBefore: gap });
    gap = 0;
  }
  return out;
}
