/**
 * Words for matching: Unicode-aware tokenisation, case and accent folding, English stop words
 * and Porter stems. Shared by fingerprints, clustering, alignment and the benchmarks' scorers.
 */
import { stemmer } from "stemmer";

/** A maximal run of letters or digits, with inner apostrophes, hyphens, dots in numbers. */
const WORD = /[\p{L}\p{N}]+(?:['’.\-,][\p{L}\p{N}]+)*/gu;

/** Words in order, as written (case kept). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower-case, accents stripped, curly apostrophes straightened. */
export function fold(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/’/g, "'")
    .toLowerCase();
}

/** Function words that carry no topic (English): dropped before weighting and matching. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being " +
    "below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down " +
    "during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here " +
    "here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself " +
    "let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves " +
    "out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their " +
    "theirs them themselves then there there's these they they'd they'll they're they've this those through " +
    "to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's " +
    "where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll " +
    "you're you've your yours yourself yourselves said says say told according also would could may might " +
    "one two new mr mrs ms"
  ).split(" "),
);

/** Folded, stop-word-free, stemmed terms of a text, in order. Numbers are kept as written. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const f = fold(w).replace(/'s$/, "");
    if (f.length < 2 && !/\d/.test(f)) continue;
    if (STOP_WORDS.has(f)) continue;
    out.push(/\d/.test(f) ? f.replace(/,/g, "") : stemmer(f));
  }
  return out;
}

/** Porter stem of one folded word. */
export function stem(word: string): string {
  return stemmer(fold(word));
}
