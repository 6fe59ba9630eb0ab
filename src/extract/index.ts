/**
 * The extract stage: RawInput → Article (clean body paragraphs, headings, metadata, removed
 * lines with reasons, diagnostics). extractBatch first counts lines repeated across documents
 * so site furniture can be told from body. Pure: no I/O, no clock.
 */
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

export type { BatchContext } from "./batch-context.js";

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
    isHtml = looksLikeHtml(text) || input.text === undefined;
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
  let { blocks } = extractContent(parsed.root);
  const declared = jsonLdFallback(meta.articleBody, blocks);
  if (declared) {
    blocks = declared;
    diagnostics.push({
      severity: "info",
      code: "body-from-json-ld",
      message: "the page's markup hid part of the article; used its JSON-LD articleBody instead",
    });
  }
  return { input, kind: "html", lines: blocks, meta, diagnostics };
}

function finish(p: Prepared, batch: BatchContext | undefined): Article {
  const { input, meta } = p;
  const supplied = input.meta ?? {};
  const diagnostics = p.diagnostics;
  const url = supplied.url ?? meta?.url ?? null;
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

function allLines(p: Prepared): string[] {
  return p.lines.map((l) => l.text);
}

/** Extracts one article. Throws an Error with a plain message when the input has no article. */
export function extractArticle(input: RawInput, batch?: BatchContext): Article {
  return finish(prepare(input), batch);
}

/** Extracts every input; failures become InputErrors naming the input, in input order. */
export function extractBatch(inputs: readonly RawInput[]): {
  articles: Article[];
  errors: InputError[];
} {
  const errors: InputError[] = [];
  const prepared: (Prepared | null)[] = inputs.map((input) => {
    try {
      return prepare(input);
    } catch (err) {
      errors.push({ input: input.origin.name, message: messageOf(err) });
      return null;
    }
  });
  const ctx = emptyBatchContext();
  for (const p of prepared) {
    if (p) addToBatch(ctx, allLines(p), hostOf(p.input.meta?.url ?? p.meta?.url ?? null));
  }
  const articles: Article[] = [];
  for (const p of prepared) {
    if (!p) continue;
    try {
      articles.push(finish(p, ctx));
    } catch (err) {
      errors.push({ input: p.input.origin.name, message: messageOf(err) });
    }
  }
  return { articles, errors };
}

function messageOf(err: unknown): string {
  if (err instanceof ExtractFailure) return err.message;
  return `extraction failed: ${(err as Error)?.message ?? String(err)}`;
}
