/**
 * What the story clusterer sees of an article: weighted content terms (stems), with names and
 * numbers boosted and consecutive capitalised words added as name phrases, plus its publication
 * day when known. A cheap stand-in for the text module's entities.
 */
import type { Article } from "../model.js";
import { fold, STOP_WORDS, stem, words } from "../text/tokens.js";
import { splitSentences } from "../match/sentence-split.js";

/**
 * Extra weight of a capitalised word inside a sentence (a name) and of a name phrase: names
 * tell two events of one kind apart (two earthquakes in two places). Chosen on the ECB+ tune
 * folds (1.5–3 all did about as well; 2 is the middle).
 */
export const NAME_BOOST = 2;
/** Extra weight of numbers (magnitudes, tolls, years): they also separate look-alike events. */
export const NUMBER_BOOST = 1.5;
/** Only the first this many words are read: long articles repeat themselves, and it bounds cost. */
export const MAX_WORDS = 1500;

export interface StoryFeatures {
  /** Term → weight (sublinear term frequency times boosts), in first-seen order. */
  terms: Map<string, number>;
  /** Terms seen as a name (capitalised inside a sentence), name phrases, and numbers. */
  anchors: Set<string>;
  /** Day number (days since 1970-01-01) of publication, or null when unknown. */
  day: number | null;
}

const stemMemo = new Map<string, string>();
const STEM_MEMO_LIMIT = 200_000;

function stemOf(folded: string): string {
  let s = stemMemo.get(folded);
  if (s === undefined) {
    s = /\d/.test(folded) ? folded.replace(/,/g, "") : stem(folded);
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    stemMemo.set(folded, s);
  }
  return s;
}

/** Day number of an ISO date, or null. */
export function dayOf(published: string | null): number | null {
  if (!published) return null;
  const t = Date.parse(published.length === 10 ? `${published}T00:00:00Z` : published);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/** Features of one article (title and paragraphs). */
export function storyFeatures(
  article: Article,
  boosts_: { name?: number; number?: number } = {},
): StoryFeatures {
  const nameBoost = boosts_.name ?? NAME_BOOST;
  const numberBoost = boosts_.number ?? NUMBER_BOOST;
  const counts = new Map<string, number>();
  const boosts = new Map<string, number>();
  const anchors = new Set<string>();
  let budget = MAX_WORDS;
  const blocks = article.title ? [article.title, ...article.paragraphs] : article.paragraphs;
  outer: for (const block of blocks) {
    for (const sentence of splitSentences(block)) {
      const list = words(sentence);
      let prevName: string | null = null;
      for (let k = 0; k < list.length; k++) {
        if (--budget < 0) break outer;
        const raw = list[k];
        const folded = fold(raw).replace(/'s$/, "");
        const numeric = /\d/.test(folded);
        if ((folded.length < 2 && !numeric) || STOP_WORDS.has(folded)) {
          prevName = null;
          continue;
        }
        const term = stemOf(folded);
        const isName = k > 0 && !numeric && /^\p{Lu}/u.test(raw);
        counts.set(term, (counts.get(term) ?? 0) + 1);
        const boost = isName ? nameBoost : numeric ? numberBoost : 1;
        if (boost > (boosts.get(term) ?? 1)) boosts.set(term, boost);
        if (isName || numeric) anchors.add(term);
        if (isName) {
          if (prevName !== null) {
            const phrase = `${prevName}_${term}`;
            counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
            boosts.set(phrase, nameBoost);
            anchors.add(phrase);
          }
          prevName = term;
        } else prevName = null;
      }
    }
  }
  const terms = new Map<string, number>();
  for (const [term, n] of counts) terms.set(term, (1 + Math.log(n)) * (boosts.get(term) ?? 1));
  return { terms, anchors, day: dayOf(article.published) };
}
