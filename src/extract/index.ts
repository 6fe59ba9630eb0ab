/**
 * The extract stage: RawInput → Article (clean body paragraphs, headings, metadata, removed
 * lines with reasons, diagnostics). extractBatch first counts lines repeated across documents
 * so site furniture can be told from body. Pure: no I/O, no clock.
 */
import { outletFromText } from "./text-outlet.js";
import { createHash } from "node:crypto";
import type { Article, Diagnostic, InputError, RawInput } from "../model.js";
import {
  addToBatch,
  type BatchContext,
  emptyBatchContext,
  hostOf,
  repeatedIn,
} from "./batch-context.js";
import { parseDate } from "./dates.js";
import { decodeBytes, looksLikeGarbage, looksLikeHtml } from "./decode.js";
import { extractContent } from "./html-content.js";
import { secondOpinion } from "./second-opinion.js";
import {
  cleanByline,
  cleanOutlet,
  type HtmlMeta,
  outletFromTitle,
  readHtmlMeta,
  stripTitleSuffix,
} from "./html-meta.js";
import { MAX_HTML_CHARS, parseHtml } from "./html-tree.js";
import { jsonLdFallback } from "./json-ld-body.js";
import { detectLanguage } from "./language.js";
import { classifyLines, type LineIn } from "./line-classifier.js";
import { normalizeLine } from "./normalize.js";
import { textLines } from "./plain-text.js";

/** For callers that keep a rolling context (e.g. a store ingesting one page at a time). */
export { addToBatch, type BatchContext, emptyBatchContext } from "./batch-context.js";

/**
 * Longest plain text read, in characters (~1 000 pages of a book); the rest is dropped with a
 * diagnostic. Bounds the line classifier to about a second on a slow machine.
 */
export const MAX_TEXT_CHARS = 4_000_000;

/** A document decoded and split into candidate lines, before classification. */
interface Prepared {
  input: RawInput;
  kind: "text" | "html";
  lines: LineIn[];
  meta: HtmlMeta | null;
  diagnostics: Diagnostic[];
}

/** Thrown inside the stage for an input that cannot become an article; caught per input. */
class ExtractFailure extends Error {}

function prepare(input: RawInput): Prepared {
  const diagnostics: Diagnostic[] = [...(input.diagnostics ?? [])];
  let text: string;
  let isHtml: boolean;
  if (input.html !== undefined) {
    text = input.html;
    // An html field is HTML if it has any tag at all ("<p>…</p>" snippets); plain text
    // put in an html field is read as text.
    isHtml = looksLikeHtml(text) || /<[a-z][^>]*>/i.test(text);
  } else if (input.text !== undefined) {
    text = input.text;
    isHtml = looksLikeHtml(text);
  } else if (input.bytes !== undefined) {
    if (input.bytes.length === 0) throw new ExtractFailure("empty input");
    const decoded = decodeBytes(input.bytes, input.origin.contentType);
    diagnostics.push(...decoded.diagnostics);
    text = decoded.text;
    if (looksLikeGarbage(text)) throw new ExtractFailure("not HTML or text (binary data?)");
    isHtml = looksLikeHtml(text);
  } else {
    throw new ExtractFailure("input has no bytes, text or html");
  }
  if (text.trim() === "") throw new ExtractFailure("empty input");
  if (!isHtml) {
    if (text.length > MAX_TEXT_CHARS) {
      const cut = text.lastIndexOf("\n", MAX_TEXT_CHARS);
      text = text.slice(0, cut > 0 ? cut : MAX_TEXT_CHARS);
      diagnostics.push({
        severity: "warning",
        code: "text-truncated",
        message: `text is very long; only the first ${MAX_TEXT_CHARS.toLocaleString("en")} characters were read`,
      });
    }
    return { input, kind: "text", lines: textLines(text), meta: null, diagnostics };
  }
  const parsed = parseHtml(text);
  if (parsed.truncated) {
    diagnostics.push({
      severity: "warning",
      code: "html-truncated",
      message: `page is very large; only the first ${MAX_HTML_CHARS.toLocaleString("en")} characters (or its first elements) were read`,
    });
  }
  const meta = readHtmlMeta(parsed.root, parsed.jsonLd);
  const content = extractContent(parsed.root);
  let blocks = content.blocks;
  const declared = jsonLdFallback(meta.articleBody, blocks);
  if (declared) {
    blocks = declared;
    diagnostics.push({
      severity: "info",
      code: "body-from-json-ld",
      message: "the page's markup hid part of the article; used its JSON-LD articleBody instead",
    });
  } else {
    const other = secondOpinion(text, blocks, { ...content, truncated: parsed.truncated });
    if (other) {
      blocks = other;
      diagnostics.push({
        severity: "info",
        code: "body-from-readability",
        message:
          "our container held little of the page's text; used Readability's, which found much more",
      });
    }
  }
  return { input, kind: "html", lines: blocks, meta, diagnostics };
}

function finish(p: Prepared, batch: BatchContext | undefined): Article {
  const { input, meta } = p;
  const supplied = input.meta ?? {};
  const diagnostics = p.diagnostics;
  const url = supplied.url ?? absoluteUrl(meta?.url ?? null, input.origin);
  const host = hostOf(url);
  // Title: supplied wins; HTML metadata next; plain text finds it among its lines.
  let outlet = supplied.outlet ?? cleanOutlet(meta?.outlet ?? null);
  if (!outlet && meta) outlet = outletFromTitle(meta.documentTitle, meta.h1);
  let knownTitle = supplied.title ?? null;
  if (!knownTitle && meta?.title) knownTitle = stripTitleSuffix(meta.title, outlet);
  const classified = classifyLines(p.lines, {
    mode: p.kind,
    title: knownTitle ? normalizeLine(knownTitle) : null,
    repeated: batch ? repeatedIn(batch, host) : undefined,
  });
  if (!outlet && p.kind === "text") {
    const texts = p.lines.map((l) => l.text);
    const titleIndex = classified.title ? texts.indexOf(classified.title) : -1;
    outlet = outletFromText(texts, titleIndex);
  }
  if (!outlet && host) outlet = host;
  const paragraphs = classified.paragraphs;
  if (paragraphs.length === 0) throw new ExtractFailure("no article text found");

  // Published date: supplied, then metadata, then a date line in the text.
  let published: string | null = null;
  let precision: Article["publishedPrecision"] = null;
  for (const candidate of [supplied.published, meta?.published, classified.dateLine]) {
    if (!candidate) continue;
    const d = parseDate(candidate);
    if (d) {
      published = d.iso;
      precision = d.precision;
      break;
    }
    diagnostics.push({
      severity: "info",
      code: "date-unparsed",
      message: `could not read a date from "${candidate.slice(0, 80)}"`,
    });
  }
  const body = paragraphs.join("\n\n");
  const lang = detectLanguage(body, meta?.lang);
  diagnostics.push(...lang.diagnostics);
  return {
    id: input.id,
    origin: input.origin,
    title: classified.title,
    byline: supplied.author ?? cleanByline(meta?.byline ?? classified.byline),
    published,
    publishedPrecision: precision,
    outlet,
    url,
    language: lang.language,
    paragraphs,
    headings: classified.headings,
    removed: classified.removed,
    diagnostics,
    contentHash: createHash("sha256").update(body).digest("hex"),
  };
}

/** A canonical URL made absolute against the fetched page's URL; relative ones without a base go. */
function absoluteUrl(url: string | null, origin: RawInput["origin"]): string | null {
  if (!url) return null;
  try {
    return new URL(url).href;
  } catch {
    if (origin.kind !== "url" && origin.kind !== "feed") return null;
    try {
      return new URL(url, origin.name).href;
    } catch {
      return null;
    }
  }
}

function allLines(p: Prepared): string[] {
  return p.lines.map((l) => l.text);
}

/** Extracts one article. Throws an Error with a plain message when the input has no article. */
export function extractArticle(input: RawInput, batch?: BatchContext): Article {
  return finish(prepare(input), batch);
}

/**
 * Extracts every input; failures become InputErrors naming the input, in input order.
 * `onProgress(done, total)` is told after each step (each input is read, then finished: 2 steps).
 */
export function extractBatch(
  inputs: readonly RawInput[],
  onProgress?: (done: number, total: number) => void,
): {
  articles: Article[];
  errors: InputError[];
} {
  const total = 2 * inputs.length;
  let done = 0;
  const step = () => onProgress?.(++done, total);
  const failures: { at: number; error: InputError }[] = [];
  const fail = (at: number, input: RawInput, err: unknown) =>
    failures.push({
      at,
      error: { input: input.origin.name, message: messageOf(err), id: input.id },
    });
  const prepared: (Prepared | null)[] = inputs.map((input, at) => {
    try {
      return prepare(input);
    } catch (err) {
      fail(at, input, err);
      return null;
    } finally {
      step();
    }
  });
  const ctx = emptyBatchContext();
  for (const p of prepared) {
    if (p) addToBatch(ctx, allLines(p), hostOf(p.input.meta?.url ?? p.meta?.url ?? null));
  }
  const articles: Article[] = [];
  prepared.forEach((p, at) => {
    if (p) {
      try {
        articles.push(finish(p, ctx));
      } catch (err) {
        fail(at, p.input, err);
      }
    }
    step();
  });
  // Errors in input order, whichever step failed.
  failures.sort((a, b) => a.at - b.at);
  return { articles, errors: failures.map((f) => f.error) };
}

function messageOf(err: unknown): string {
  if (err instanceof ExtractFailure) return err.message;
  return `extraction failed: ${(err as Error)?.message ?? String(err)}`;
}
