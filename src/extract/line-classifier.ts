/**
 * The boilerplate line classifier: given the lines (or HTML blocks) of one document, decides
 * which are article body, which are headings, which is the title, and removes the rest with a
 * reason (navigation, breadcrumb, see-also, comment-form, image-credit, caption, date-line,
 * byline, title-repeat, footer, duplicate-line, …). General signals only: phrases, shape,
 * position (head and tail zones around the body), repetition within and across documents.
 */
import type { RemovedLine } from "../model.js";
import { isDateLine, parseDate } from "./dates.js";
import { lineKey } from "./normalize.js";
import {
  BYLINE_NAMES,
  BYLINE_PREFIX,
  IMAGE_CREDIT,
  PROMO,
  SHORTCODE,
  SEE_ALSO_ALONE,
  SEE_ALSO_LEAD,
  UI_PHRASES,
} from "./ui-phrases.js";

export interface LineIn {
  text: string;
  /** True when markup said it is a heading (h1–h6). */
  heading?: boolean;
  /** Blank lines before it in a plain-text file. */
  gapBefore?: number;
  /** Already judged furniture by the HTML extractor: the reason (kept for the audit). */
  removed?: string;
}

export interface ClassifyOptions {
  /** "text" for plain-text scrapes (the title is found among the lines), "html" for blocks. */
  mode: "text" | "html";
  /** Title already known (HTML metadata or supplied); lines repeating it are removed. */
  title?: string | null;
  /** True for a line key that repeats across documents of the batch (site furniture). */
  repeated?: (key: string) => boolean;
}

export interface Classified {
  title: string | null;
  paragraphs: string[];
  headings: number[];
  removed: RemovedLine[];
  byline: string | null;
  /** Text of the first date line seen, for the published date. */
  dateLine: string | null;
}

/** Words in a line at or above which, with sentence punctuation, it is article body. */
const BODY_MIN_WORDS = 10;
/** Words at or above which a line is body even without final punctuation. */
const BODY_LONG_WORDS = 25;
/** Most words in a headline or section heading. */
const HEADLINE_MAX_WORDS = 30;
/** Fewest words in a plain-text title (shorter lines are section labels like "World"). */
const TITLE_MIN_WORDS = 3;
/** Fewest words for a line before the body to be kept (deck / subtitle) rather than nav. */
const HEAD_KEEP_MIN_WORDS = 5;
/** Most words in a see-also line ("See also <headline>"); longer is a sentence. */
const SEE_ALSO_MAX_WORDS = 25;
/** Most words in an image credit or a byline. */
const CREDIT_MAX_WORDS = 20;
const BYLINE_MAX_WORDS = 12;
/**
 * Word overlap (Jaccard) with the title above which a line before the body is the title again.
 * 0.6 catches "'We Got Her!': Video Shows Rescue of Kidnapped Girl" vs the same with two more
 * words; a deck (subtitle) shares far fewer words with its headline.
 */
const TITLE_REPEAT_MIN_JACCARD = 0.6;
/** Most words of a plain-text line taken for a trailing heading with no body after it. */
const TRAILING_HEADING_MAX_WORDS = 12;
/** Most words in a self-promotion line ("Get the latest … in your inbox"). */
const PROMO_MAX_WORDS = 40;
/** Most words in a photo caption recognised by shape (no finite verb, ends with a period). */
const CAPTION_MAX_WORDS = 30;
/** Fewest words for a repeated line to be removed as a duplicate (table cells repeat "0"). */
const DUPLICATE_MIN_WORDS = 4;
/** Lines searched after a breadcrumb for the title it repeats. */
const BREADCRUMB_LOOKAHEAD = 8;
/** Longest "Home › World › Europe" breadcrumb line. */
const BREADCRUMB_MAX_CHARS = 120;
/** Fewest characters of a title inside a breadcrumb run-together to count as a repeat. */
const BREADCRUMB_MIN_TITLE_CHARS = 15;

const PHRASE_REASON = new Map<string, string>();
for (const [reason, phrases] of Object.entries(UI_PHRASES)) {
  for (const p of phrases) {
    const key = lineKey(p);
    if (!PHRASE_REASON.has(key)) PHRASE_REASON.set(key, reason);
  }
}
/** Single words left alone on a line by a date widget ("Published" / "on"). */
const DATE_WIDGET_WORDS = new Set(["published", "on", "updated", "posted", "last updated", "date"]);

/** Reasons after which, in the tail, nothing more is article. */
const TAIL_CUT_REASONS = new Set(["comment-form", "related", "footer", "newsletter", "cookie"]);

/** Verbs and auxiliaries that mark a sentence (a caption usually has none). */
const FINITE_VERB =
  /\b(is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|may|might|must|do|does|did|says?|said|told|tells|made|makes|took|takes|went|goes|gave|gives|met|meets|came|comes|saw|sees|got|gets|left|leaves|won|wins|lost|held|holds|stood|stands|shows|showed|shown|\w{3,}ed)\b/i;

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const sentenceEnd = (s: string) => /[.!?…。"”’»)]\s*$/.test(s);

/** True for a line shaped like a headline: few words, no sentence full stop at the end. */
export function isHeadlineLike(text: string): boolean {
  const words = wordCount(text);
  if (words < 1 || words > HEADLINE_MAX_WORDS) return false;
  if (/[.:;,]\s*$/.test(text) && !/\.\.\.$|…$/.test(text)) return false;
  return /^[\p{Lu}\p{N}"“‘'«¿¡]/u.test(text);
}

function isBodyLike(text: string): boolean {
  const words = wordCount(text);
  return words >= BODY_LONG_WORDS || (words >= BODY_MIN_WORDS && sentenceEnd(text));
}

/** Removes a trailing ellipsis (truncated titles in breadcrumbs). */
const stripEllipsis = (s: string) => s.replace(/(\.\.\.|…)\s*$/, "").trim();

/**
 * If the line is "<nav words><Title>" run together (e.g. "HomeWorld" + headline), returns the
 * title part; checks that a following line starts with it.
 */
function breadcrumbRunTogether(text: string, following: string[]): boolean {
  const joins = /\p{Ll}(?=\p{Lu})/gu;
  let m: RegExpExecArray | null;
  while ((m = joins.exec(text)) !== null) {
    const rest = stripEllipsis(text.slice(m.index + 1));
    if (rest.length < BREADCRUMB_MIN_TITLE_CHARS) break;
    const key = lineKey(rest);
    if (following.some((f) => lineKey(f).startsWith(key))) return true;
  }
  return false;
}

/** "Home › World › Europe" and similar: short segments joined by path separators. */
function isSeparatedBreadcrumb(text: string): boolean {
  if (text.length > BREADCRUMB_MAX_CHARS) return false;
  const parts = text.split(/\s*(?:›|»|>|→|\|)\s*|\s+\/\s+/);
  if (parts.length < 3) return false;
  return parts.every((p) => wordCount(p) <= 4);
}

function phraseReason(text: string, key: string): string | null {
  const words = wordCount(text);
  if (key === "") return /[\p{L}\p{N}]/u.test(text) ? null : "short-fragment";
  const phrase = PHRASE_REASON.get(key);
  if (phrase) return phrase;
  if (DATE_WIDGET_WORDS.has(key)) return "date-line";
  if (SEE_ALSO_ALONE.test(text)) return "see-also";
  if (SEE_ALSO_LEAD.test(text) && words <= SEE_ALSO_MAX_WORDS && !(words > 15 && sentenceEnd(text)))
    return "see-also";
  if (words <= CREDIT_MAX_WORDS && IMAGE_CREDIT.test(text)) return "image-credit";
  if (isDateLine(text)) return "date-line";
  if (words <= BYLINE_MAX_WORDS && isByline(text)) return "byline";
  if (isSeparatedBreadcrumb(text)) return "breadcrumb";
  if (words <= PROMO_MAX_WORDS && PROMO.test(text)) return "newsletter";
  if (SHORTCODE.test(text)) return "short-fragment";
  return null;
}

/** Prepositions that place a captioned scene ("X and Y during a visit to …"). */
const CAPTION_PLACE = /\b(during|at|in|on|with|after|before|outside|inside|near)\b/;
/** Words that date or point at a picture ("in September 2023", "(left)", "pictured"). */
const CAPTION_POINTER =
  /\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|november|december|pictured|left|right|centre|center|file photo|file image)\b/i;

/**
 * Photo caption by shape: one sentence that starts with a name (two capitalised words), places
 * it ("during a visit", "in Kyiv"), dates or points at the picture, and has no finite verb.
 */
function looksLikeCaption(text: string): boolean {
  const words = wordCount(text);
  if (words < 5 || words > CAPTION_MAX_WORDS) return false;
  if (!/\.\s*$/.test(text) || /[.!?]\s+\S/.test(text.replace(/\.\s*$/, ""))) return false;
  if (!/^\p{Lu}[\p{L}'’.-]+\s+\p{Lu}/u.test(text)) return false;
  if (/[“”"]/.test(text)) return false;
  if (!CAPTION_PLACE.test(text) || !CAPTION_POINTER.test(text)) return false;
  return !FINITE_VERB.test(text);
}

export function classifyLines(lines: readonly LineIn[], options: ClassifyOptions): Classified {
  const n = lines.length;
  const reason: (string | null)[] = new Array(n).fill(null);
  const keys = lines.map((l) => lineKey(l.text));
  let byline: string | null = null;
  let dateLine: string | null = null;

  // Pass 1: phrases, credits, dates, bylines, breadcrumbs, repeats across the batch.
  for (let i = 0; i < n; i++) {
    const text = lines[i].text;
    if (lines[i].removed) {
      reason[i] = lines[i].removed ?? null;
      continue;
    }
    let r = phraseReason(text, keys[i]);
    if (!r) {
      const following = lines.slice(i + 1, i + 1 + BREADCRUMB_LOOKAHEAD).map((l) => l.text);
      if (options.title) following.push(options.title);
      if (breadcrumbRunTogether(text, following)) r = "breadcrumb";
    }
    if (!r && options.repeated && !isBodyLike(text) && options.repeated(keys[i])) {
      r = "site-boilerplate";
    }
    if (r === "byline" && byline === null) byline = text.replace(BYLINE_PREFIX, "").trim();
    if (r === "date-line" && dateLine === null && parseDate(text)) dateLine = text;
    reason[i] = r;
  }

  // The body zone: first to last body-like line still kept.
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (reason[i] === null && isBodyLike(lines[i].text)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  // No body-like line at all (a short note): no head or tail zones, only the sure rules.
  const zones = first >= 0;
  if (first < 0) {
    first = 0;
    last = n - 1;
  }

  // Title: known, or the first headline-like line before the body.
  let title = options.title ?? null;
  let titleIndex = -1;
  if (title === null && options.mode === "text") {
    for (let i = 0; i < (zones ? first : n); i++) {
      if (reason[i] !== null) continue;
      const t = lines[i].text;
      if (wordCount(t) >= TITLE_MIN_WORDS && isHeadlineLike(t)) {
        title = t;
        titleIndex = i;
        reason[i] = "title";
        break;
      }
    }
  }
  const titleKey = title ? lineKey(stripEllipsis(title)) : null;

  // Duplicates and title repeats.
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (i === titleIndex || keys[i] === "") continue;
    if (reason[i] === null && titleKey && keys[i] === titleKey) {
      reason[i] = "title-repeat";
      continue;
    }
    // Plain text: a repeated line is furniture printed twice. HTML: only a block repeated
    // right after itself (recipes, tables and lists legitimately repeat lines).
    const dup = options.mode === "text" ? seen.has(keys[i]) : i > 0 && keys[i - 1] === keys[i];
    if (reason[i] === null && dup && wordCount(lines[i].text) >= DUPLICATE_MIN_WORDS)
      reason[i] = "duplicate-line";
    seen.add(keys[i]);
  }

  // Head zone: a near-copy of the title (an <h1> worded slightly differently) is a repeat.
  if (titleKey) {
    const titleWords = new Set(titleKey.split(" "));
    for (let i = 0; i < Math.min(first, n); i++) {
      if (reason[i] !== null || i === titleIndex) continue;
      const words = keys[i].split(" ");
      const shared = words.filter((w) => titleWords.has(w)).length;
      const union = new Set([...words, ...titleWords]).size;
      if (union > 0 && shared / union >= TITLE_REPEAT_MIN_JACCARD) reason[i] = "title-repeat";
    }
  }

  // Head zone: before the body, keep only headings long enough to be a deck or subtitle.
  for (let i = 0; i < Math.min(first, n); i++) {
    if (reason[i] !== null) continue;
    if (wordCount(lines[i].text) < HEAD_KEEP_MIN_WORDS) reason[i] = "navigation";
  }

  // Tail zone: after the body; after a comment form / related block, nothing is article.
  let cut = false;
  for (let i = last + 1; i < n; i++) {
    const r = reason[i];
    if (r !== null) {
      if (TAIL_CUT_REASONS.has(r) || r === "navigation" || r === "share") cut = true;
      continue;
    }
    const t = lines[i].text;
    const sentence = sentenceEnd(t) && wordCount(t) >= 4;
    // HTML content was already chosen by structure: only cut after known furniture there.
    if (cut || (!sentence && options.mode === "text")) reason[i] = "footer";
  }

  // Headings with no body after them close the page (“Tell us what you think”, “Related”).
  for (let i = n - 1; i > last; i--) {
    if (reason[i] !== null) continue;
    const t = lines[i].text;
    const heading =
      options.mode === "html"
        ? lines[i].heading === true
        : isHeadlineLike(t) && wordCount(t) <= TRAILING_HEADING_MAX_WORDS;
    if (heading) reason[i] = "footer";
    else break;
  }

  // Inside the body: photo captions by shape.
  for (let i = first; i <= last && i < n; i++) {
    if (reason[i] === null && !lines[i].heading && looksLikeCaption(lines[i].text)) {
      reason[i] = "caption";
    }
  }

  const paragraphs: string[] = [];
  const headings: number[] = [];
  const removed: RemovedLine[] = [];
  for (let i = 0; i < n; i++) {
    const r = reason[i];
    if (r === "title") continue;
    if (r !== null) {
      removed.push({ text: lines[i].text, reason: r });
      continue;
    }
    const t = lines[i].text;
    const textHeading =
      options.mode === "text" && !isBodyLike(t) && isHeadlineLike(t) && !sentenceEnd(t);
    if (lines[i].heading || textHeading) {
      headings.push(paragraphs.length);
    }
    paragraphs.push(t);
  }
  return { title, paragraphs, headings, removed, byline, dateLine };
}

function isByline(text: string): boolean {
  const m = text.match(BYLINE_PREFIX);
  return m !== null && BYLINE_NAMES.test(text.slice(m[0].length).trim());
}
