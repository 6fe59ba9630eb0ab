/**
 * Full-text search over stored articles (title and body paragraphs, never the removed
 * boilerplate), answered by each engine's own index: an FTS5 table on SQLite, a GIN-indexed
 * `tsvector` on PostgreSQL. Queries are reduced to plain word tokens here, so no user input
 * reaches either engine's query syntax: every token must match (AND), each as a word prefix
 * ("fire" finds "firefighters"). Indexed text and queries pass through one fold
 * (`foldForSearch`: lower case, compatibility forms, accents removed) here, before either engine
 * sees them, so both engines match the same words ("Zurich" finds "Zürich" and back) without
 * any extension (PostgreSQL's `unaccent` is not assumed).
 */
import type { Article } from "../model.js";
import { fold } from "../text/tokens.js";

/** Tokens read from one query at most: bounds the cost of a pasted paragraph. */
export const MAX_QUERY_TOKENS = 12;
/** Longest token kept (longer runs are cut): no word is longer in practice. */
const MAX_TOKEN_CHARS = 64;

/**
 * The one text fold for search, applied to the indexed text and to queries alike: the matching
 * fold of ../text/tokens.ts (compatibility decomposition, NFKD: "ﬁ" → "fi", full-width →
 * ASCII; every combining mark removed: "Zürich" → "Zurich", "São" → "Sao", "café" → "cafe";
 * lower case), then recomposed (NFC, so Hangul syllables come back whole). Marks that spell
 * vowels in Indic scripts or voice kana are folded too: search there is more lenient, and the
 * same on both engines. The index stores this text: a change here needs a migration that
 * re-indexes (as migration 4 does).
 */
export function foldForSearch(text: string): string {
  return fold(text).normalize("NFC");
}

/** The word tokens of a search query: letters and digits, folded (`foldForSearch`), de-duplicated. */
export function searchTokens(query: string): string[] {
  const words = foldForSearch(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    const t = w.slice(0, MAX_TOKEN_CHARS);
    if (!out.includes(t)) out.push(t);
    if (out.length === MAX_QUERY_TOKENS) break;
  }
  return out;
}

/** FTS5 MATCH expression: every token quoted (so it is never an operator) and prefixed. */
export function fts5Match(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t}"*`).join(" ");
}

/** PostgreSQL tsquery text: every token as a prefix, all required. Tokens hold letters and digits only. */
export function tsQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `${t}:*`).join(" & ");
}

/**
 * The text an article is indexed by: its title and body paragraphs (not what extraction
 * removed), folded like queries (`foldForSearch`).
 */
export function searchableText(article: Pick<Article, "title" | "paragraphs">): {
  title: string;
  text: string;
} {
  return {
    title: foldForSearch(article.title ?? ""),
    text: foldForSearch(article.paragraphs.join("\n")),
  };
}
