/**
 * TEMPORARY stand-ins used by `crosscheck brief` until the real stages are in main:
 * a minimal RawInput → Article adapter (until src/extract's extractBatch lands) and
 * one-family-per-article grouping (until src/match's findCopyFamilies lands).
 * The command says so in a diagnostic whenever one of them is used.
 */
import { createHash } from "node:crypto";
import type { Article, Diagnostic, Family, InputError, RawInput } from "../../model.js";

export const FALLBACK_EXTRACT_DIAGNOSTIC: Diagnostic = {
  severity: "warning",
  code: "extract-fallback",
  message:
    "minimal text adapter used (paragraphs = blank-line blocks, HTML tags stripped): boilerplate is not removed",
};

export const FALLBACK_FAMILIES_DIAGNOSTIC: Diagnostic = {
  severity: "warning",
  code: "families-fallback",
  message: "copy-family detection unavailable: each article counted as its own family",
};

/** Each article its own family. */
export function fallbackFamilies(articles: readonly Article[]): Family[] {
  return articles.map((a) => ({
    id: a.id,
    first: a.id,
    members: [{ id: a.id, relation: "original", outlet: a.outlet }],
  }));
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  mdash: "—",
  ndash: "–",
  hellip: "…",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X"
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

function looksHtml(s: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(s);
}

/** Decodes and splits inputs into Articles without boilerplate removal. */
export function fallbackExtract(inputs: readonly RawInput[]): {
  articles: Article[];
  errors: InputError[];
} {
  const articles: Article[] = [];
  const errors: InputError[] = [];
  for (const input of inputs) {
    let text = input.text ?? input.html ?? "";
    if (input.bytes) {
      if (input.bytes.includes(0)) {
        errors.push({ input: input.origin.name, message: "not text (binary data?)" });
        continue;
      }
      text = new TextDecoder("utf-8").decode(input.bytes);
      // Not UTF-8: the commonest legacy web encoding.
      if (text.includes("\uFFFD")) text = new TextDecoder("windows-1252").decode(input.bytes);
    }
    let title: string | null = input.meta?.title ?? null;
    if (input.html !== undefined || looksHtml(text)) {
      const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
      if (!title && t) title = decodeEntities(t[1]).trim() || null;
      text = decodeEntities(
        text
          .replace(/<(script|style|noscript|template|head)\b[\s\S]*?<\/\1>/gi, "")
          .replace(/<!--[\s\S]*?-->/g, "")
          .replace(
            /<\/?(p|div|h[1-6]|li|ul|ol|br|article|section|header|footer|figure|figcaption|blockquote|tr|table)\b[^>]*>/gi,
            "\n\n",
          )
          .replace(/<[^>]+>/g, ""),
      );
    }
    const paragraphs = text
      .replace(/\r\n?/g, "\n")
      .split(/\n\s*\n/)
      .map((p) => p.replace(/[ \t\u00a0]+/g, " ").trim())
      .filter((p) => p !== "");
    if (paragraphs.length === 0) {
      errors.push({ input: input.origin.name, message: "empty input" });
      continue;
    }
    articles.push({
      id: input.id,
      origin: input.origin,
      title,
      byline: null,
      published: input.meta?.published ?? null,
      publishedPrecision: input.meta?.published
        ? input.meta.published.length > 10
          ? "minute"
          : "day"
        : null,
      outlet: input.meta?.outlet ?? null,
      url: input.meta?.url ?? null,
      language: null,
      paragraphs,
      headings: [],
      removed: [],
      diagnostics: [...(input.diagnostics ?? []), FALLBACK_EXTRACT_DIAGNOSTIC],
      contentHash: createHash("sha256").update(paragraphs.join("\n")).digest("hex"),
    });
  }
  return { articles, errors };
}
