/**
 * Text helpers for feed fields: HTML entity decoding (named HTML entities survive an XML
 * parse as "&nbsp;"; titles are often double-escaped as "&amp;amp;"), HTML → plain text, and
 * the teaser test (a summary rather than the whole article).
 */
import { Parser } from "htmlparser2";

/**
 * Under this many characters of plain text an item's content is taken for a teaser: feed
 * summaries run one to three sentences (≈ 150–450 chars) while full news articles rarely fall
 * under ~1,500. 600 sits between the two; a short but complete wire brief is fetched needlessly
 * at worst (its page is then extracted, which is still correct).
 */
export const TEASER_MAX_CHARS = 600;

/** Endings that mark a truncated summary, whatever its length. */
const TEASER_ENDING =
  /(…|\.\.\.|\[\s*(…|\.\.\.)\s*\]|\(\s*more\s*(…|\.\.\.)?\s*\)|read\s+more|continue\s+reading|lire\s+la\s+suite|weiterlesen|leer\s+más)\s*[»›→.]?\s*$/i;

const BLOCK = new Set([
  "p",
  "div",
  "br",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "tr",
  "section",
  "article",
]);

const COMMON_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};
const OTHER_NAMED = /&(?!(?:amp|lt|gt|quot|apos|nbsp|AMP|LT|GT|QUOT);)[A-Za-z][A-Za-z0-9]*;?/;

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff)
    ? String.fromCodePoint(n)
    : "\ufffd";
}

/** Decodes HTML entities (named, numeric) in text that holds no markup, in one pass. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  // Fast path for the entities feeds are made of; any other named entity goes to the full
  // HTML decoder (htmlparser2's), on the original string so nothing is decoded twice.
  if (!OTHER_NAMED.test(s)) {
    return s.replace(
      /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos|nbsp|AMP|LT|GT|QUOT));/g,
      (_m, dec, hex, name) =>
        dec
          ? codePoint(Number(dec))
          : hex
            ? codePoint(parseInt(hex, 16))
            : COMMON_ENTITIES[name.toLowerCase()],
    );
  }
  let out = "";
  const parser = new Parser({ ontext: (t) => void (out += t) }, { decodeEntities: true });
  parser.end(s.replace(/</g, "&lt;"));
  return out;
}

/** HTML → plain text: tags dropped (block tags become line breaks), entities decoded. */
export function htmlToText(html: string): string {
  let out = "";
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "script" || name === "style") skip++;
        else if (BLOCK.has(name)) out += "\n";
      },
      onclosetag(name) {
        if (name === "script" || name === "style") skip = Math.max(0, skip - 1);
        else if (BLOCK.has(name)) out += "\n";
      },
      ontext(t) {
        if (skip === 0) out += t;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return out
    .replace(/[ \t\u00a0\r\f\v]+/g, " ")
    .replace(/ *\n[\n ]*/g, "\n")
    .trim();
}

/**
 * A title as shown: markup stripped, entities decoded once more (so "&amp;amp;" and
 * "&nbsp;" come out right), whitespace collapsed. Null when empty.
 */
export function cleanTitle(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let s = raw;
  if (/<[a-z/!]/i.test(s)) s = htmlToText(s);
  else s = decodeEntities(s);
  // A second decoding pass for double-escaped feeds ("&amp;amp;" → "&amp;" → "&").
  if (/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(s)) s = decodeEntities(s);
  s = s.replace(/[\s\u00a0]+/g, " ").trim();
  return s === "" ? null : s;
}

/** Plain text collapsed to one line, or null. */
export function cleanText(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const s = decodeEntities(raw)
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
  return s === "" ? null : s;
}

/** True when content is missing, short, or ends like a cut summary ("…", "[...]", "Read more"). */
export function looksLikeTeaser(content: string | null, type: "html" | "text"): boolean {
  if (!content) return true;
  if (content.length < TEASER_MAX_CHARS) return true;
  if (type === "text") return TEASER_ENDING.test(content.slice(-400).trim());
  // This runs on every item: tags are stripped by a cheap regex, and only from a head slice
  // (enough to show the text reaches TEASER_MAX_CHARS) and a tail slice (for the ending).
  const head = roughText(content.slice(0, TEASER_MAX_CHARS * 8));
  if (head.length < TEASER_MAX_CHARS && roughText(content).length < TEASER_MAX_CHARS) return true;
  const tail = decodeEntities(roughText(content.slice(-2000)).slice(-400)).trim();
  return TEASER_ENDING.test(tail);
}

function roughText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
