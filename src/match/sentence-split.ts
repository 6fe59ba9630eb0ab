/**
 * A small sentence splitter for matching (stand-in until the text module offers one): splits a
 * paragraph after ., ! or ? followed by space and a capital, digit or opening quote, keeping
 * common abbreviations and initials together.
 */

/** Words ending in a dot that rarely end a sentence. */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof sr jr st gen col lt sgt capt gov sen rep rev inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec no vs u.s u.k u.n e.g i.e".split(
    " ",
  ),
);

const BOUNDARY = /([.!?]+["”’)\]]*)\s+(?=["“‘([]?[\p{Lu}\p{N}])/gu;

/** Sentences of one paragraph, trimmed, in order. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(paragraph); m !== null; m = BOUNDARY.exec(paragraph)) {
    const end = m.index + m[1].length;
    const before = paragraph.slice(start, m.index);
    const lastWord = (before.match(/([\p{L}.]+)$/u)?.[1] ?? "").toLowerCase();
    if (m[1] === "." && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    const sentence = paragraph.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
