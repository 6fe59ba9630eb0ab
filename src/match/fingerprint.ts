/**
 * Per-article fingerprints for copy and derivation detection, computed once and kept: word
 * 3-shingles with their MinHash, and per sentence its set of content stems, names and numbers,
 * all as 32-bit hashes in sorted typed arrays.
 */
import type { Article } from "../model.js";
import { fold, STOP_WORDS, stem, words } from "../text/tokens.js";
import { fnv1a, fmix32 } from "./hash32.js";
import { minhash } from "./minhash.js";
import { splitSentences } from "./sentence-split.js";

/** Words per shingle: 3 survives light edits around a word while still meaning "same wording". */
export const SHINGLE_WORDS = 3;

/**
 * Words read per article: bounds fingerprint size and the sentence alignment's cost (which is
 * quadratic in sentences) on huge or hostile inputs; news articles are far shorter.
 */
export const MAX_FINGERPRINT_WORDS = 8_000;

export interface SentencePrint {
  /** Sorted unique hashes of the sentence's content stems (stop words removed). */
  stems: Uint32Array;
  /** Index of the sentence in the article. */
  index: number;
}

export interface Fingerprint {
  id: string;
  /** Position of the article in the batch or stream. */
  index: number;
  published: string | null;
  /** Number of words in the body. */
  wordCount: number;
  /** Sorted unique hashes of word 3-shingles (folded words, stop words kept). */
  shingles: Uint32Array;
  /**
   * The shingles that end on a word outside quotation marks: the article's own wording. Two
   * reports quoting one statement share its shingles without copying each other.
   */
  ownShingles: Uint32Array;
  /** MinHash signature of `shingles`. */
  signature: Uint32Array;
  sentences: SentencePrint[];
  /** Sorted unique hashes of content stems over the whole body. */
  stems: Uint32Array;
  /** Sorted unique hashes of capitalised words not opening a sentence, and numbers. */
  anchors: Uint32Array;
}

const stemCache = new Map<string, number>();
/** Bound on the memo of stem hashes: keeps memory flat on long streams. */
const STEM_CACHE_LIMIT = 200_000;

/** Hash of a word's content stem, or 0 for stop words and one-letter words. */
function stemHash(folded: string): number {
  let h = stemCache.get(folded);
  if (h !== undefined) return h;
  if (STOP_WORDS.has(folded) || (folded.length < 2 && !/\d/.test(folded))) h = 0;
  else h = fnv1a(/\d/.test(folded) ? folded.replace(/,/g, "") : stem(folded)) || 1;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(folded, h);
  return h;
}

/** Sorted, de-duplicated copy of the values. */
export function sortedUnique(values: ArrayLike<number>): Uint32Array {
  const arr = Uint32Array.from(values as ArrayLike<number>).sort();
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[n++] = arr[i];
  return arr.slice(0, n);
}

/** Size of the intersection of two sorted unique arrays. */
export function intersectSize(x: Uint32Array, y: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      n++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return n;
}

/** Double quotation marks: straight ones toggle, curly ones open or close. */
const QUOTE_MARKS = /["“”«»„]/g;

/**
 * For each word of `list` (the words of `sentence`, in order), whether it stands inside double
 * quotation marks; `open` is the state at the start of the sentence. Returns the state at its
 * end. A quote left open runs to the end of the paragraph (the caller resets per paragraph).
 */
function markQuoted(
  sentence: string,
  list: readonly string[],
  open: boolean,
  out: boolean[],
): boolean {
  let state = open;
  let cursor = 0;
  const toggleUpTo = (end: number) => {
    QUOTE_MARKS.lastIndex = cursor;
    for (
      let m = QUOTE_MARKS.exec(sentence);
      m !== null && m.index < end;
      m = QUOTE_MARKS.exec(sentence)
    ) {
      const mark = m[0];
      state =
        mark === "“" || mark === "«" || mark === "„"
          ? true
          : mark === "”" || mark === "»"
            ? false
            : !state;
    }
  };
  out.length = 0;
  for (const w of list) {
    const at = sentence.indexOf(w, cursor);
    if (at < 0) {
      out.push(state);
      continue;
    }
    toggleUpTo(at);
    out.push(state);
    cursor = at + w.length;
  }
  toggleUpTo(sentence.length);
  return state;
}

/** Computes the fingerprint of an article (its paragraphs; the title is left out). */
export function fingerprint(article: Article, index: number): Fingerprint {
  const shingles: number[] = [];
  const own: number[] = [];
  const quoted: boolean[] = [];
  const allStems: number[] = [];
  const anchors: number[] = [];
  const sentences: SentencePrint[] = [];
  let wordCount = 0;
  let w1 = 0;
  let w2 = 0;
  let seen = 0;
  outer: for (const paragraph of article.paragraphs) {
    let inQuote = false;
    for (const sentence of splitSentences(paragraph)) {
      if (wordCount >= MAX_FINGERPRINT_WORDS) break outer;
      const stems: number[] = [];
      const list = words(sentence);
      inQuote = markQuoted(sentence, list, inQuote, quoted);
      for (let k = 0; k < list.length; k++) {
        const raw = list[k];
        const folded = fold(raw);
        const wh = fnv1a(folded);
        wordCount++;
        seen++;
        if (seen >= SHINGLE_WORDS) {
          const sh = fmix32(Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 31) ^ wh);
          shingles.push(sh);
          if (!quoted[k]) own.push(sh);
        }
        w1 = w2;
        w2 = wh;
        const sh = stemHash(folded);
        if (sh !== 0) {
          stems.push(sh);
          allStems.push(sh);
        }
        if (/\d/.test(raw) || (k > 0 && /^\p{Lu}/u.test(raw) && !STOP_WORDS.has(folded)))
          anchors.push(wh);
      }
      if (stems.length > 0) sentences.push({ stems: sortedUnique(stems), index: sentences.length });
    }
  }
  const shingleSet = sortedUnique(shingles);
  return {
    id: article.id,
    index,
    published: article.published,
    wordCount,
    shingles: shingleSet,
    ownShingles: sortedUnique(own),
    signature: minhash(shingleSet),
    sentences,
    stems: sortedUnique(allStems),
    anchors: sortedUnique(anchors),
  };
}
