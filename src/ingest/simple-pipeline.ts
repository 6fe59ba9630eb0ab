/**
 * A deliberately simple stand-in pipeline for ingestion, used until the real extractor
 * (src/extract) and story clusterer (src/cluster, src/match) are wired in, and by the store's
 * tests and benchmarks as a fixed, fast baseline: tag-stripping extraction, MinHash over word
 * shingles (copy families) and over content terms (stories), LSH banding for candidates.
 */
import { createHash } from "node:crypto";
import type { Article, InputError, RawInput } from "../model.js";
import type { AssignContext, Assignment, Candidate, Fingerprint } from "../store/store.js";
import { terms } from "../text/tokens.js";
import type { Pipeline } from "./ingest-pipeline.js";

/** Words per shingle for copy detection: 5 tells a copied passage from shared phrasing. */
export const FAMILY_SHINGLE = 5;
/** LSH bands × rows for copy signatures. P(candidate) at Jaccard 0.5 ≈ 0.93, at 0.2 ≈ 0.15. */
export const FAMILY_BANDS = 20;
export const FAMILY_ROWS = 3;
/** LSH bands × rows for story signatures over content terms. P at 0.25 ≈ 0.87, at 0.1 ≈ 0.28. */
export const STORY_BANDS = 16;
export const STORY_ROWS = 2;
/**
 * Estimated shingle Jaccard at or above which two articles are one copy family; at or above
 * COPY_MIN_SIMILARITY it is a near-verbatim copy, between the two a rewrite. Set by reading
 * the seed corpus's known copies (not tuned on a benchmark: this is a stand-in).
 */
export const FAMILY_MIN_SIMILARITY = 0.5;
export const COPY_MIN_SIMILARITY = 0.8;
/** Estimated content-term Jaccard at or above which two articles report one story. */
export const STORY_MIN_SIMILARITY = 0.2;

/** Bucket keys are below 2^52 so they fit a JS number and a signed 64-bit column exactly. */
const BUCKET_SPACE = 2 ** 52;

/** The stand-in's fingerprint data: two MinHash signatures. */
export interface SimpleFingerprint {
  family: number[];
  story: number[];
}

/** FNV-1a 32-bit hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Seeded multipliers/offsets for MinHash permutations (xorshift32, fixed seed). */
function permutations(n: number, seed: number): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  let x = seed >>> 0;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
  for (let i = 0; i < n; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

const FAMILY_PERM = permutations(FAMILY_BANDS * FAMILY_ROWS, 0x9e3779b9);
const STORY_PERM = permutations(STORY_BANDS * STORY_ROWS, 0x85ebca6b);

/** MinHash signature of a set of token hashes. An empty set gives all-max (matches nothing useful). */
export function minhash(hashes: readonly number[], perm: { a: Uint32Array; b: Uint32Array }) {
  const sig = new Array<number>(perm.a.length).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < sig.length; i++) {
      const v = (Math.imul(perm.a[i], h) + perm.b[i]) >>> 0;
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** Fraction of equal positions: an estimate of the Jaccard similarity of the two sets. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** One 52-bit bucket key per band, tagged with the signature kind and band index. */
function bandKeys(kind: string, sig: readonly number[], rows: number): number[] {
  const keys: number[] = [];
  for (let band = 0; band * rows < sig.length; band++) {
    const digest = createHash("sha1")
      .update(`${kind}:${band}:${sig.slice(band * rows, (band + 1) * rows).join(",")}`)
      .digest();
    keys.push((digest.readUInt32BE(0) & 0xfffff) * 2 ** 32 + digest.readUInt32BE(4));
  }
  return keys.map((k) => k % BUCKET_SPACE);
}

/** Decodes an input's text: supplied text, supplied HTML, or UTF-8 bytes. */
function inputText(input: RawInput): { text: string; html: boolean } {
  if (input.text !== undefined) return { text: input.text, html: false };
  if (input.html !== undefined) return { text: input.html, html: true };
  const text = new TextDecoder("utf-8").decode(input.bytes ?? new Uint8Array());
  return { text, html: /^\s*(<!doctype html|<html|<head|<body|<div|<p[\s>])/i.test(text) };
}

/** Crude HTML to paragraphs: drops scripts/styles, breaks at block tags, strips the rest. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\/?(p|div|br|h[1-6]|li|article|section|header|footer|tr)\b[^>]*>/gi, "\n\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Stand-in extraction: paragraphs split at blank lines, title from metadata or first line. */
export function simpleExtract(input: RawInput): Article | InputError {
  const { text, html } = inputText(input);
  const body = html ? htmlToText(text) : text;
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
  if (paragraphs.length === 0) return { input: input.origin.name, message: "no text found" };
  const normalised = paragraphs.join("\n").toLowerCase();
  const firstShort = paragraphs[0].length <= 200 ? paragraphs[0] : null;
  return {
    id: input.id,
    origin: input.origin,
    title: input.meta?.title ?? firstShort,
    byline: input.meta?.author ?? null,
    published: input.meta?.published ?? null,
    publishedPrecision: null,
    outlet: input.meta?.outlet ?? null,
    url: input.meta?.url ?? null,
    language: null,
    paragraphs,
    headings: [],
    removed: [],
    diagnostics: [...(input.diagnostics ?? [])],
    contentHash: createHash("sha256").update(normalised).digest("hex"),
  };
}

/**
 * Both MinHash signatures of an article and their LSH bucket keys; with `storyBuckets` false,
 * only the copy-family buckets are indexed (for a pipeline whose stories come from elsewhere).
 */
export function simpleFingerprint(article: Article, storyBuckets = true): Fingerprint {
  const text = article.paragraphs.join("\n");
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const shingles = new Set<number>();
  for (let i = 0; i + FAMILY_SHINGLE <= words.length; i++) {
    shingles.add(fnv1a(words.slice(i, i + FAMILY_SHINGLE).join(" ")));
  }
  if (shingles.size === 0 && words.length > 0) shingles.add(fnv1a(words.join(" ")));
  const content = new Set<number>(terms(text).map(fnv1a));
  const data: SimpleFingerprint = {
    family: minhash([...shingles], FAMILY_PERM),
    story: minhash([...content], STORY_PERM),
  };
  const buckets =
    shingles.size === 0
      ? []
      : [
          ...bandKeys("family", data.family, FAMILY_ROWS),
          ...(content.size === 0 || !storyBuckets ? [] : bandKeys("story", data.story, STORY_ROWS)),
        ];
  return { data, buckets };
}

/** Best candidate by a score, ties broken by most recent arrival. */
function best(
  candidates: readonly Candidate[],
  score: (c: Candidate) => number,
  min: number,
): { candidate: Candidate; score: number } | null {
  let top: { candidate: Candidate; score: number } | null = null;
  for (const candidate of candidates) {
    const s = score(candidate);
    if (s < min) continue;
    if (!top || s > top.score || (s === top.score && candidate.seq > top.candidate.seq)) {
      top = { candidate, score: s };
    }
  }
  return top;
}

/**
 * The copy family a new article joins among candidates of one story (any story when
 * `storyId` is undefined): the most similar copy at or above FAMILY_MIN_SIMILARITY, or null.
 */
export function copyFamilyOf(
  ctx: AssignContext,
  storyId?: string,
): { family: string; story: string; relation: "copy" | "rewrite" } | null {
  const own = ctx.fingerprint.data as SimpleFingerprint;
  const copy = best(
    storyId === undefined ? ctx.candidates : ctx.candidates.filter((c) => c.storyId === storyId),
    (c) => similarity(own.family, (c.fingerprint as SimpleFingerprint).family),
    FAMILY_MIN_SIMILARITY,
  );
  if (!copy) return null;
  return {
    family: copy.candidate.familyId,
    story: copy.candidate.storyId,
    relation: copy.score >= COPY_MIN_SIMILARITY ? "copy" : "rewrite",
  };
}

/** Joins the family of the most similar copy, else the story of the most similar article. */
export function simpleAssign(_article: Article, ctx: AssignContext): Assignment {
  const own = ctx.fingerprint.data as SimpleFingerprint;
  const copy = copyFamilyOf(ctx);
  if (copy) return { story: copy.story, family: copy.family, relation: copy.relation };
  const related = best(
    ctx.candidates,
    (c) => similarity(own.story, (c.fingerprint as SimpleFingerprint).story),
    STORY_MIN_SIMILARITY,
  );
  return { story: related ? related.candidate.storyId : null, family: null, relation: "original" };
}

/** The stand-in pipeline: simple extraction, MinHash/LSH fingerprints, nearest-neighbour assignment. */
export const simplePipeline: Pipeline = {
  name: "simple",
  extract: simpleExtract,
  fingerprint: simpleFingerprint,
  assign: simpleAssign,
};
