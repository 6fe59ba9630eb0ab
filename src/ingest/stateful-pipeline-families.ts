/**
 * Copy families for the default (stateful) pipeline, decided by the match module's pairwise
 * classifier (src/match/derivation.ts) — the same one `findCopyFamilies` uses on files — on the
 * new article against its stored bucket neighbours in its story; also who the family's first
 * report is (earliest date, then the longer one that contains the other, then arrival).
 */
import type { Article, Derivation } from "../model.js";
import {
  classifyPair,
  compareStrength,
  type PairVerdict,
  sourceFirst,
} from "../match/derivation.js";
import { DOC_BANDS, DOC_ROWS, SENTENCE_BANDS, SENTENCE_ROWS } from "../match/copy-families.js";
import {
  type Fingerprint as MatchPrint,
  fingerprint as matchFingerprint,
} from "../match/fingerprint.js";
import { LshIndex } from "../match/lsh-index.js";
import { minhash } from "../match/minhash.js";
import type { Candidate, Fingerprint } from "../store/store.js";

/**
 * A match fingerprint as stored (JSON): each sorted hash array as base64 of its 32-bit
 * little-endian values (about half the size of a JSON number list).
 */
export interface StoredMatchPrint {
  published: string | null;
  wordCount: number;
  shingles: string;
  /** The shingles outside quotation marks (absent in prints stored before it existed). */
  own?: string;
  sentences: string[];
  stems: string;
  anchors: string;
}

/** Hashes as base64 of their 32-bit little-endian values. */
export function encodeHashes(values: Uint32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => {
    bytes.writeUInt32LE(v, i * 4);
  });
  return bytes.toString("base64");
}

/** The inverse of encodeHashes. */
export function decodeHashes(text: string): Uint32Array {
  const bytes = Buffer.from(text, "base64");
  const out = new Uint32Array(bytes.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}

/** The default pipeline's fingerprint data. */
export interface FamilyFingerprintData {
  match: StoredMatchPrint;
}

/** Sentences with fewer content stems than this get no bucket (as in CopyIndex). */
const SENTENCE_MIN_STEMS = 3;
/** Bucket namespaces: keys are (namespace·64 + band)·2^32 + band key, all below 2^52. */
const DOC_NAMESPACE = 1;
const SENTENCE_NAMESPACE = 2;
const BAND_SLOTS = 64;
const KEY_SPACE = 2 ** 32;

const docLsh = new LshIndex({ bands: DOC_BANDS, rows: DOC_ROWS });
const sentenceLsh = new LshIndex({ bands: SENTENCE_BANDS, rows: SENTENCE_ROWS });

/** A date as UTC ISO text, so that dates with different offsets compare as strings. */
export function utcDate(published: string | null): string | null {
  if (!published) return null;
  const t = Date.parse(published);
  return Number.isNaN(t) ? published : new Date(t).toISOString();
}

/**
 * The fingerprint data and candidate buckets: the whole-article shingle bands and the
 * per-sentence stem bands of CopyIndex, so copies and rewrites meet as store candidates.
 */
export function familyFingerprint(article: Article): Fingerprint {
  const print = matchFingerprint(article, 0);
  const buckets = new Set<number>();
  if (print.shingles.length > 0) {
    docLsh.keys(print.signature).forEach((key, band) => {
      buckets.add((DOC_NAMESPACE * BAND_SLOTS + band) * KEY_SPACE + key);
    });
  }
  for (const s of print.sentences) {
    if (s.stems.length < SENTENCE_MIN_STEMS) continue;
    sentenceLsh.keys(minhash(s.stems, SENTENCE_BANDS * SENTENCE_ROWS)).forEach((key, band) => {
      buckets.add((SENTENCE_NAMESPACE * BAND_SLOTS + band) * KEY_SPACE + key);
    });
  }
  const data: FamilyFingerprintData = {
    match: {
      published: utcDate(print.published),
      wordCount: print.wordCount,
      shingles: encodeHashes(print.shingles),
      own: encodeHashes(print.ownShingles),
      sentences: print.sentences.map((s) => encodeHashes(s.stems)),
      stems: encodeHashes(print.stems),
      anchors: encodeHashes(print.anchors),
    },
  };
  return { data, buckets: [...buckets].sort((a, b) => a - b) };
}

/** Rebuilds a classifier fingerprint from stored data; null when the data is not ours. */
function restore(id: string, index: number, data: unknown): MatchPrint | null {
  const m = (data as Partial<FamilyFingerprintData> | null)?.match;
  if (
    !m ||
    typeof m.shingles !== "string" ||
    typeof m.stems !== "string" ||
    typeof m.anchors !== "string" ||
    !Array.isArray(m.sentences)
  )
    return null;
  return {
    id,
    index,
    published: m.published ?? null,
    wordCount: m.wordCount ?? 0,
    shingles: decodeHashes(m.shingles),
    ownShingles: decodeHashes(typeof m.own === "string" ? m.own : m.shingles),
    signature: new Uint32Array(0),
    sentences: m.sentences.map((stems, i) => ({ stems: decodeHashes(stems), index: i })),
    stems: decodeHashes(m.stems),
    anchors: decodeHashes(m.anchors),
  };
}

/** The copy family decision for one new article. */
export interface FamilyDecision {
  family: string;
  relation: Derivation;
  /** Stored members whose relation changes because the new article is the family's first. */
  relabel: { articleId: string; relation: Derivation }[];
}

/**
 * Joins the family of the stored article (in `story`) the new one copies or rewrites most
 * closely, provided it is related to that family's original too (when that is a candidate);
 * null when it copies none. When the new article is a likelier first report than the
 * family's current original (earlier date, else the longer one, else arrival), it becomes the
 * original and the members among the candidates are relabelled relative to it.
 */
export function decideFamily(
  article: Article,
  data: unknown,
  candidates: readonly Candidate[],
  story: string,
): FamilyDecision | null {
  // The new article arrives last: its index is above every stored arrival number.
  const own = restore(article.id, Number.MAX_SAFE_INTEGER, data);
  if (!own) return null;
  const inStory = candidates
    .filter((c) => c.storyId === story)
    .sort((a, b) => a.seq - b.seq)
    .map((c) => ({ c, print: restore(c.articleId, c.seq, c.fingerprint) }))
    .filter((x): x is { c: Candidate; print: MatchPrint } => x.print !== null);
  const verdicts = new Map<string, PairVerdict>();
  for (const { c, print } of inStory) verdicts.set(c.articleId, classifyPair(print, own));
  const originalOf = (family: string) =>
    inStory.find((x) => x.c.familyId === family && x.c.relation === "original");
  let best: { c: Candidate; verdict: PairVerdict } | null = null;
  for (const { c } of inStory) {
    const verdict = verdicts.get(c.articleId) as PairVerdict;
    if (verdict.relation === "independent") continue;
    // As in findCopyFamilies for a single new article: a verbatim copy of a member joins its
    // family; otherwise the family's original (first report) must be related too, when it is
    // among the candidates (no chaining through a hub).
    const root = originalOf(c.familyId);
    if (
      verdict.relation !== "copy" &&
      root &&
      verdicts.get(root.c.articleId)?.relation === "independent"
    )
      continue;
    if (!best || compareStrength(verdict, best.verdict) > 0) best = { c, verdict };
  }
  if (!best) return null;
  const family = best.c.familyId;
  const asRelation = (v: PairVerdict | undefined): Derivation =>
    v?.relation === "copy" ? "copy" : "rewrite";
  const original = originalOf(family);
  if (original && sourceFirst(own, original.print) < 0) {
    const relabel = inStory
      .filter((x) => x.c.familyId === family)
      .map((x) => ({ articleId: x.c.articleId, relation: asRelation(verdicts.get(x.c.articleId)) }))
      .filter((r, i, all) => all.findIndex((o) => o.articleId === r.articleId) === i)
      .filter((r) => inStory.find((x) => x.c.articleId === r.articleId)?.c.relation !== r.relation);
    return { family, relation: "original", relabel };
  }
  const relation = asRelation(original ? verdicts.get(original.c.articleId) : best.verdict);
  return { family, relation, relabel: [] };
}
