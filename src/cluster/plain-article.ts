/**
 * A minimal stand-in for the extractor, for unit tests and the benchmarks that measure matching
 * or clustering alone (copies, synthetic scale): plain text → paragraphs (non-empty lines), HTML
 * → tags stripped. No boilerplate removal, no metadata guessing beyond what the caller supplies.
 * The cluster command uses the real extractor.
 */
import { createHash } from "node:crypto";
import type { Article, Origin } from "../model.js";

export interface PlainInput {
  id: string;
  text?: string;
  html?: string;
  title?: string | null;
  published?: string | null;
  outlet?: string | null;
  url?: string | null;
  origin?: Origin;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Visible text of HTML, one block per line (crude: scripts and styles dropped, tags removed). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<\/?(p|div|br|h[1-6]|li|tr|section|article|header|footer|blockquote)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code =
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code)
          : " ";
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** Builds an Article from plain text or HTML: paragraphs are the non-empty lines. */
export function plainArticle(input: PlainInput): Article {
  const body = input.text ?? (input.html !== undefined ? htmlToText(input.html) : "");
  const paragraphs = body
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line.length > 0);
  const diagnostics: Article["diagnostics"] = [];
  if (paragraphs.length === 0)
    diagnostics.push({
      severity: "warning",
      code: "empty-body",
      message: "no text found in the input",
    });
  return {
    id: input.id,
    origin: input.origin ?? { kind: "inline", name: input.id },
    title: input.title ?? null,
    byline: null,
    published: input.published ?? null,
    publishedPrecision: null,
    outlet: input.outlet ?? null,
    url: input.url ?? null,
    language: null,
    paragraphs,
    headings: [],
    removed: [],
    diagnostics,
    contentHash: createHash("sha256").update(paragraphs.join("\n")).digest("hex"),
  };
}
