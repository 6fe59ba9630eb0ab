/**
 * A second opinion for pages where our container choice looks unreliable: Mozilla's
 * Readability over linkedom (both already dependencies), run only when our body is small
 * against the page's prose, and used only when it finds much more text than we did — the
 * fallback trafilatura makes to readability/jusText. Its chosen HTML is flattened by our own
 * code and then goes through the same line classifier, so its boilerplate lines are still cut.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { flattenFragment, keptChars } from "./html-content.js";
import { parseHtml } from "./html-tree.js";
import type { LineIn } from "./line-classifier.js";

/** The blocks Readability would extract from the page, or null when it finds nothing. */
export function readabilityBlocks(html: string): LineIn[] | null {
  let content: string | null | undefined;
  try {
    const { document } = parseHTML(html);
    // biome-ignore lint/suspicious/noExplicitAny: linkedom's Document is DOM-compatible enough
    content = new Readability(document as any).parse()?.content;
  } catch {
    return null;
  }
  if (!content) return null;
  const blocks = flattenFragment(parseHtml(content).root);
  return keptChars(blocks) > 0 ? blocks : null;
}

/**
 * Our body (characters) under this share of the page's non-link text asks for a second
 * opinion. On the tuning half our body is under 0.55 of the page's prose on about 7 pages of
 * 88 (median 0.8), so the cost stays low; Readability finding twice our text needs such a gap.
 */
export const SECOND_OPINION_PROSE_SHARE = 0.55;
/** A body shorter than this (characters) always asks for a second opinion. */
export const SECOND_OPINION_MIN_CHARS = 500;
/**
 * Readability's blocks replace ours only when they hold at least this many times our text
 * (trafilatura's rule for its readability fallback). On the tuning half Readability never
 * found more than 1.6× our text, and taking it whenever it found 1.1× / 1.2× / 1.4× as much
 * (both sides through the line classifier) gave F1 0.984 / 0.986 / 0.987 instead of 0.989:
 * what it adds there is furniture.
 */
export const SECOND_OPINION_GAIN = 2;

/**
 * Largest page (characters of HTML, elements in the body) given a second opinion: a DOM is
 * built for it, which costs far more than our own pass. Real article pages stay well under
 * both (the benchmark's largest: 1.5 M characters, 1 600 elements); a truncated page never
 * gets one.
 */
export const SECOND_OPINION_MAX_CHARS = 3_000_000;
export const SECOND_OPINION_MAX_ELEMENTS = 20_000;

/** Readability's blocks when our extraction looks unreliable and theirs holds far more; else null. */
export function secondOpinion(
  html: string,
  blocks: readonly LineIn[],
  page: { pageProse: number; elements: number; truncated: boolean },
): LineIn[] | null {
  if (
    page.truncated ||
    html.length > SECOND_OPINION_MAX_CHARS ||
    page.elements > SECOND_OPINION_MAX_ELEMENTS
  )
    return null;
  const pageProse = page.pageProse;
  const ours = keptChars(blocks);
  if (ours >= SECOND_OPINION_MIN_CHARS && ours >= SECOND_OPINION_PROSE_SHARE * pageProse)
    return null;
  const theirs = readabilityBlocks(html);
  if (theirs === null || keptChars(theirs) < SECOND_OPINION_GAIN * ours) return null;
  return theirs;
}
