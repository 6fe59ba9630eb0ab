/**
 * Cross-document repetition: how many documents of a batch (and of one site) carry each short
 * line. A short line seen in many documents is site furniture ("Latest article"), not body.
 */
import { lineKey } from "./normalize.js";

export interface BatchContext {
  /** Documents in the batch. */
  documents: number;
  /** Line key → number of documents holding it (short, non-sentence lines only). */
  lineDocs: Map<string, number>;
  /** Host → line key → number of that host's documents holding it. */
  hostLineDocs: Map<string, Map<string, number>>;
}

/** Most words in a line counted for batch-wide repetition (longer lines may be copied body). */
export const REPEAT_MAX_WORDS = 6;
/** Documents that must share a short line for it to count as furniture batch-wide. */
export const REPEAT_MIN_DOCS = 3;
/** Most words in a line counted for same-site repetition. */
export const SITE_REPEAT_MAX_WORDS = 15;
/** Documents of one site that must share a line for it to count as that site's furniture. */
export const SITE_REPEAT_MIN_DOCS = 2;

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function emptyBatchContext(): BatchContext {
  return { documents: 0, lineDocs: new Map(), hostLineDocs: new Map() };
}

/** Adds one document's lines (and its host, when known) to the context. */
export function addToBatch(ctx: BatchContext, lines: readonly string[], host: string | null): void {
  ctx.documents++;
  const keys = new Set<string>();
  const siteKeys = new Set<string>();
  for (const line of lines) {
    const words = wordCount(line);
    const key = lineKey(line);
    if (!key) continue;
    if (words <= REPEAT_MAX_WORDS) keys.add(key);
    if (host && words <= SITE_REPEAT_MAX_WORDS) siteKeys.add(key);
  }
  for (const k of keys) ctx.lineDocs.set(k, (ctx.lineDocs.get(k) ?? 0) + 1);
  if (host) {
    let m = ctx.hostLineDocs.get(host);
    if (!m) ctx.hostLineDocs.set(host, (m = new Map()));
    for (const k of siteKeys) m.set(k, (m.get(k) ?? 0) + 1);
  }
}

/** A predicate for the classifier: is this line key repeated furniture for this document? */
export function repeatedIn(ctx: BatchContext, host: string | null): (key: string) => boolean {
  const site = host ? ctx.hostLineDocs.get(host) : undefined;
  return (key) =>
    (ctx.lineDocs.get(key) ?? 0) >= REPEAT_MIN_DOCS ||
    (site !== undefined && (site.get(key) ?? 0) >= SITE_REPEAT_MIN_DOCS);
}

/** The host of a URL, without "www.", or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "").toLowerCase() || null;
  } catch {
    return null;
  }
}
