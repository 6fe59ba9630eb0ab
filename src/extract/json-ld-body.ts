/**
 * A safety net from the page's own declaration: when JSON-LD carries an articleBody and the
 * extracted blocks cover too little of it, the extraction missed part of the article, and the
 * declared body (split into paragraphs) is used instead.
 */
import type { LineIn } from "./line-classifier.js";
import { normalizeLine, normalizeText } from "./normalize.js";

/** Shortest JSON-LD articleBody (characters) trusted as a full body (shorter ones are teasers). */
export const LD_MIN_BODY_CHARS = 500;
/**
 * Share of the articleBody's words that the extraction must contain. Below it the extraction
 * is replaced. 0.7 leaves room for bodies that include captions or embeds we drop on purpose.
 */
export const LD_MIN_COVERAGE = 0.7;

/** A word, for the coverage count. */
const WORD = /[\p{L}\p{N}]+/gu;

function wordCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.toLowerCase().match(WORD) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Share of `reference` words (as a multiset) found in `text`. */
export function coverage(reference: string, text: string): number {
  const ref = wordCounts(reference);
  const got = wordCounts(text);
  let total = 0;
  let hit = 0;
  for (const [w, c] of ref) {
    total += c;
    hit += Math.min(c, got.get(w) ?? 0);
  }
  return total === 0 ? 1 : hit / total;
}

/** The declared body as blocks, when it should replace the extracted ones; else null. */
export function jsonLdFallback(
  articleBody: string | null,
  blocks: readonly LineIn[],
): LineIn[] | null {
  if (!articleBody) return null;
  // articleBody is plain text, but some sites put escaped HTML in it.
  const text = normalizeText(articleBody.replace(/<[^>]{0,200}>/g, "\n"));
  if (text.replace(/\s+/g, " ").length < LD_MIN_BODY_CHARS) return null;
  const extracted = blocks.map((b) => b.text).join("\n");
  if (coverage(text, extracted) >= LD_MIN_COVERAGE) return null;
  const lines = text
    .split(/\n+/)
    .map(normalizeLine)
    .filter((l) => l !== "");
  return lines.map((t) => ({ text: t }));
}
