/**
 * What the story clusterer sees of an article: weighted content terms (stems), with names and
 * numbers boosted, plus its publication day when known. (Consecutive names used to be added as
 * phrase terms too: dropping them was better on both ECB+ and allsides, bench/results/cluster.md.)
 */
import type { Article } from "../model.js";
import { fold, STOP_WORDS, stem, words } from "../text/tokens.js";
import { splitSentences } from "../match/sentence-split.js";

/**
 * Extra weight of a capitalised word inside a sentence (a name): names tell two events of one
 * kind apart (two earthquakes in two places), but they also chain different events of one
 * protagonist (a senator's week). Chosen with the join threshold by tuning on two benchmarks at
 * once (an ECB+ fold and half the allsides events; bench/cluster-joint.ts): the folds chose 1.5
 * and 1, all of both 1.5 (2026-11-26; both folds chose 1.5 before the second look). ECB+ alone
 * prefers 2–3, allsides alone 1.
 */
export const NAME_BOOST = 1.5;
/** Extra weight of numbers (magnitudes, tolls, years): they also separate look-alike events. */
export const NUMBER_BOOST = 1.5;
/** Only the first this many words are read: long articles repeat themselves, and it bounds cost. */
export const MAX_WORDS = 1500;

export interface StoryFeatures {
  /** Term → weight (sublinear term frequency times boosts), in first-seen order. */
  terms: Map<string, number>;
  /** Terms seen as a name (capitalised inside a sentence) and numbers. */
  anchors: Set<string>;
  /** Day number (days since 1970-01-01) of publication, or null when unknown. */
  day: number | null;
}

/** What a word as written becomes: its term ("" for stop words), and whether it is a number. */
interface WordInfo {
  term: string;
  numeric: boolean;
}
const wordMemo = new Map<string, WordInfo>();
/** Bound on the memo of word → term: keeps memory flat on long streams. */
const WORD_MEMO_LIMIT = 200_000;

function wordInfo(raw: string): WordInfo {
  let info = wordMemo.get(raw);
  if (info === undefined) {
    const folded = fold(raw).replace(/'s$/, "");
    const numeric = /\d/.test(folded);
    const skip = (folded.length < 2 && !numeric) || STOP_WORDS.has(folded);
    const term = skip ? "" : numeric ? folded.replace(/,/g, "") : stem(folded);
    info = { term, numeric };
    if (wordMemo.size >= WORD_MEMO_LIMIT) wordMemo.clear();
    wordMemo.set(raw, info);
  }
  return info;
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
      for (let k = 0; k < list.length; k++) {
        if (--budget < 0) break outer;
        const raw = list[k];
        const { term, numeric } = wordInfo(raw);
        if (term === "") continue;
        const isName = k > 0 && !numeric && /^\p{Lu}/u.test(raw);
        counts.set(term, (counts.get(term) ?? 0) + 1);
        const boost = isName ? nameBoost : numeric ? numberBoost : 1;
        if (boost > (boosts.get(term) ?? 1)) boosts.set(term, boost);
        if (isName || numeric) anchors.add(term);
      }
    }
  }
  const terms = new Map<string, number>();
  for (const [term, n] of counts) terms.set(term, (1 + Math.log(n)) * (boosts.get(term) ?? 1));
  return { terms, anchors, day: dayOf(article.published) };
}
