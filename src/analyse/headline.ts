/**
 * The story's headline: the source title that shares the most terms with the other families'
 * titles and with the story's body text (the most representative wording), preferring an
 * original report over a copy.
 */
import type { Article } from "../model.js";
import { terms } from "../text/tokens.js";

/** Titles shorter than this (in words) are outlet names or section labels, not headlines. */
const MIN_HEADLINE_WORDS = 4;
/**
 * Score factor of a copy's title against an original's: copies are often rewritten
 * ("Hearth at chemical terminal …" for "Fire at …"), so an original wins a near tie.
 */
const COPY_FACTOR = 0.85;
/** Weight of the body-text overlap beside the other families' titles (titles count most). */
const BODY_WEIGHT = 0.5;

export interface HeadlineInput {
  article: Article;
  family: string;
  /** True when the article is its family's original (or has no family). */
  original: boolean;
}

/** The chosen headline, or null when no source has a usable title. */
export function pickHeadline(inputs: readonly HeadlineInput[], language = "en"): string | null {
  const usable = inputs.filter((x) => {
    const t = x.article.title?.trim();
    if (!t || t.split(/\s+/).length < MIN_HEADLINE_WORDS) return false;
    if (x.article.outlet && t.toLowerCase() === x.article.outlet.toLowerCase()) return false;
    return !x.article.language || x.article.language === language;
  });
  if (usable.length === 0) return null;
  // Terms of each family's titles, and of the whole story's text, by family.
  const titleTerms = new Map<string, Set<string>>();
  const bodyTerms = new Map<string, Set<string>>();
  for (const x of inputs) {
    let t = titleTerms.get(x.family);
    if (!t) titleTerms.set(x.family, (t = new Set()));
    for (const term of terms(x.article.title ?? "")) t.add(term);
    let b = bodyTerms.get(x.family);
    if (!b) bodyTerms.set(x.family, (b = new Set()));
    for (const p of x.article.paragraphs) for (const term of terms(p)) b.add(term);
  }
  const families = [...titleTerms.keys()].sort();
  let best: string | null = null;
  let bestScore = -Infinity;
  for (const x of usable) {
    const title = x.article.title!.trim();
    const own = [...new Set(terms(title))];
    if (own.length === 0) continue;
    let shared = 0;
    for (const term of own) {
      for (const f of families) {
        if (f === x.family) continue;
        if (titleTerms.get(f)!.has(term)) shared += 1;
        if (bodyTerms.get(f)!.has(term)) shared += BODY_WEIGHT;
      }
    }
    // Normalised by the square root of the length: favours titles dense in shared terms
    // without always picking the shortest.
    let score = shared / Math.sqrt(own.length);
    if (!x.original) score *= COPY_FACTOR;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && title < best!)) {
      best = title;
      bestScore = score;
    }
  }
  return best;
}
