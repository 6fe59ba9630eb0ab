/**
 * Generates a copy-detection corpus from real articles with a seeded PRNG (deterministic):
 * exact copies, truncations, re-wrapping with boilerplate lines, and paraphrases (synonym swaps
 * from a small built-in table, clause reordering, sentence dropping and reordering, word-order
 * noise like a translation round trip). Used by bench/copies-ecbplus.ts.
 */
import { plainArticle } from "../src/cluster/plain-article.js";
import { mulberry32 } from "../src/match/hash32.js";
import { splitSentences } from "../src/match/sentence-split.js";
import type { Article } from "../src/model.js";
import { fold, words } from "../src/text/tokens.js";

export type Transform = "exact" | "truncate" | "rewrap" | "synonyms" | "reorder" | "spin";
export const TRANSFORMS: Transform[] = [
  "exact",
  "truncate",
  "rewrap",
  "synonyms",
  "reorder",
  "spin",
];

/** A small synonym table of common news words (lower case; applied to whole words). */
const SYNONYMS: Record<string, string[]> = {
  said: ["stated", "explained", "noted"],
  says: ["states", "notes"],
  told: ["informed", "said to"],
  killed: ["left dead", "claimed the lives of"],
  people: ["individuals", "persons", "residents"],
  police: ["officers", "law enforcement"],
  announced: ["declared", "revealed", "unveiled"],
  government: ["administration", "authorities"],
  officials: ["authorities", "representatives"],
  attack: ["assault", "strike"],
  home: ["house", "residence"],
  large: ["big", "sizeable"],
  big: ["large", "major"],
  began: ["started", "commenced"],
  start: ["begin", "launch"],
  help: ["assist", "aid"],
  buy: ["purchase", "acquire"],
  get: ["obtain", "receive"],
  fire: ["blaze", "flames"],
  earthquake: ["quake", "tremor"],
  quake: ["earthquake", "tremor"],
  many: ["numerous", "several"],
  after: ["following", "in the wake of"],
  before: ["prior to", "ahead of"],
  about: ["around", "roughly"],
  children: ["kids", "youngsters"],
  car: ["vehicle", "automobile"],
  injured: ["wounded", "hurt"],
  hospital: ["medical center", "clinic"],
  happened: ["occurred", "took place"],
  plan: ["proposal", "scheme"],
  meeting: ["talks", "gathering"],
  company: ["firm", "business"],
  city: ["town", "municipality"],
  near: ["close to", "in the vicinity of"],
  died: ["passed away", "perished"],
  arrested: ["detained", "taken into custody"],
  charged: ["accused", "indicted"],
  rose: ["climbed", "increased"],
  fell: ["dropped", "declined"],
  decision: ["move", "choice"],
  important: ["key", "significant"],
  however: ["but", "yet"],
  because: ["since", "as"],
  team: ["squad", "side"],
  won: ["secured", "claimed"],
  game: ["match", "contest"],
  leader: ["chief", "head"],
  country: ["nation", "state"],
  week: ["seven days"],
  reported: ["said", "disclosed"],
  show: ["reveal", "indicate"],
  shows: ["reveals", "indicates"],
  expected: ["anticipated", "predicted"],
  released: ["issued", "published"],
  deal: ["agreement", "pact"],
  film: ["movie", "picture"],
  man: ["individual", "person"],
  woman: ["individual", "person"],
  found: ["discovered", "located"],
  move: ["step", "decision"],
  also: ["additionally", "as well"],
  now: ["currently", "at present"],
  major: ["significant", "large"],
  small: ["minor", "little"],
  area: ["region", "zone"],
  region: ["area", "zone"],
  hit: ["struck", "rocked"],
  struck: ["hit", "rocked"],
  biggest: ["largest"],
  largest: ["biggest"],
  first: ["initial", "opening"],
  last: ["previous", "final"],
  officer: ["official", "agent"],
  agreed: ["consented", "accepted"],
  tried: ["attempted", "sought"],
};

const BOILERPLATE_HEAD = [
  "Home | News | World",
  "Advertisement",
  "Share this article: Facebook Twitter Email",
  "Skip to main content",
  "Breaking News",
];
const BOILERPLATE_TAIL = [
  "Copyright 2024 The Daily Example. All rights reserved.",
  "Related: More stories from our newsroom",
  "Sign up for our newsletter",
  "Comments are closed.",
  "This article was produced with wire service reports.",
];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

function swapSynonyms(rng: Rng, sentence: string, rate: number): string {
  return sentence.replace(/\b[A-Za-z]+\b/g, (word) => {
    const options = SYNONYMS[word.toLowerCase()];
    if (!options || rng() >= rate) return word;
    const choice = pick(rng, options);
    return /^[A-Z]/.test(word) ? choice[0].toUpperCase() + choice.slice(1) : choice;
  });
}

/** "A, B." → "B, a." when both sides are at least four words. */
function reorderClauses(sentence: string): string {
  const m = sentence.match(/^([^,]{15,}?), ([^,]{15,})([.!?]?)$/);
  if (!m) return sentence;
  const [, a, b, end] = m;
  const first = /^(The|A|An|In|On|At|But|And|It|This|That|He|She|They|We)\b/.test(a)
    ? a[0].toLowerCase() + a.slice(1)
    : a;
  return `${b[0].toUpperCase()}${b.slice(1)}, ${first}${end || "."}`;
}

/** Drops a few function words and swaps a few adjacent words: a translation round trip's noise. */
function garble(rng: Rng, sentence: string): string {
  const ws = sentence.split(" ");
  const out: string[] = [];
  for (const w of ws) if (!(/^(the|a|an|of|to|that)$/i.test(w) && rng() < 0.3)) out.push(w);
  for (let i = 0; i + 1 < out.length; i++)
    if (rng() < 0.06) [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out.join(" ");
}

function sentencesOf(paragraphs: string[]): string[] {
  return paragraphs.flatMap((p) => splitSentences(p));
}

/** Applies one transformation to an article's text (lines = paragraphs). */
export function transform(text: string, kind: Transform, seed: number): string {
  const rng = mulberry32(seed);
  const paragraphs = text.split("\n").filter((l) => l.trim());
  switch (kind) {
    case "exact":
      return paragraphs.join("\n");
    case "truncate": {
      const keep = Math.max(1, Math.round(paragraphs.length * (0.4 + 0.4 * rng())));
      return paragraphs.slice(0, keep).join("\n");
    }
    case "rewrap": {
      // Boilerplate around the body, and the body re-wrapped into different paragraphs.
      const sentences = sentencesOf(paragraphs);
      const body: string[] = [];
      for (let i = 0; i < sentences.length; ) {
        const n = 1 + Math.floor(rng() * 3);
        body.push(sentences.slice(i, i + n).join(" "));
        i += n;
      }
      const head = [pick(rng, BOILERPLATE_HEAD), pick(rng, BOILERPLATE_HEAD)];
      const tail = [pick(rng, BOILERPLATE_TAIL), pick(rng, BOILERPLATE_TAIL)];
      return [...head, ...body, ...tail].join("\n");
    }
    case "synonyms":
      return sentencesOf(paragraphs)
        .map((s) => swapSynonyms(rng, s, 0.8))
        .join("\n");
    case "reorder": {
      // Sentence dropping (~20%) and reordering (adjacent swaps), clause reordering.
      const kept = sentencesOf(paragraphs).filter(() => rng() >= 0.2);
      for (let i = 0; i + 1 < kept.length; i += 2)
        if (rng() < 0.5) [kept[i], kept[i + 1]] = [kept[i + 1], kept[i]];
      return kept.map((s) => (rng() < 0.6 ? reorderClauses(s) : s)).join("\n");
    }
    case "spin": {
      // All of it: synonyms, clause and sentence reordering, dropping, translation noise.
      const kept = sentencesOf(paragraphs).filter(() => rng() >= 0.15);
      for (let i = 0; i + 1 < kept.length; i += 2)
        if (rng() < 0.5) [kept[i], kept[i + 1]] = [kept[i + 1], kept[i]];
      return kept
        .map((s) => garble(rng, swapSynonyms(rng, rng() < 0.5 ? reorderClauses(s) : s, 0.8)))
        .join("\n");
    }
  }
}

export interface CorpusItem {
  article: Article;
  /** Gold family, strict: the original it was generated from (an original: itself). */
  family: string;
  /**
   * Gold family, wire-aware: as `family`, but originals that reuse one another's text verbatim
   * (see `wireFamilies`) share one family, and so do their derived copies.
   */
  wireFamily: string;
  kind: Transform | "original";
}

/** Words of a verbatim passage that count as reuse in `verbatimCoverage` (common phrases are shorter). */
export const REUSE_RUN_WORDS = 8;
/** Share of the shorter text made of passages found word for word in the other: one wire text. */
export const REUSE_COVERAGE = 0.5;

/**
 * Share of the words of `a` inside a run of at least REUSE_RUN_WORDS consecutive (folded) words
 * that also occurs in `b`: the classic text-reuse measure (verbatim passages, not shared words).
 */
export function verbatimCoverage(a: readonly string[], bRuns: ReadonlySet<string>): number {
  if (a.length === 0) return 0;
  const covered = new Uint8Array(a.length);
  for (let i = 0; i + REUSE_RUN_WORDS <= a.length; i++)
    if (bRuns.has(a.slice(i, i + REUSE_RUN_WORDS).join(" ")))
      covered.fill(1, i, i + REUSE_RUN_WORDS);
  return covered.reduce((n, x) => n + x, 0) / a.length;
}

/**
 * Groups real articles that are one text reused: more than REUSE_COVERAGE of the shorter one is
 * verbatim passages of the other (two outlets running one wire report, a press release printed
 * by a paper). Connected components, labelled by their first member. Independent of the
 * methods under test (which use 3-word shingles and stems, never 8-word runs).
 */
export function wireFamilies(texts: readonly { id: string; text: string }[]): Map<string, string> {
  const toks = texts.map((t) => words(t.text).map(fold));
  const runs = toks.map((w) => {
    const set = new Set<string>();
    for (let i = 0; i + REUSE_RUN_WORDS <= w.length; i++)
      set.add(w.slice(i, i + REUSE_RUN_WORDS).join(" "));
    return set;
  });
  const parent = texts.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = toks[i].length <= toks[j].length ? [i, j] : [j, i];
      if (verbatimCoverage(toks[a], runs[b]) > REUSE_COVERAGE) {
        const ri = root(i);
        const rj = root(j);
        parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    }
  return new Map(texts.map((t, i) => [t.id, texts[root(i)].id]));
}

/**
 * The benchmark corpus: the given originals in order, and for about half of them (seeded) two
 * derived copies placed a few positions later, cycling through TRANSFORMS.
 */
export function copiesCorpus(
  originals: readonly { id: string; text: string }[],
  seed: number,
): CorpusItem[] {
  const rng = mulberry32(seed);
  const wire = wireFamilies(originals);
  const items: CorpusItem[] = originals.map((d) => ({
    article: plainArticle({ id: d.id, text: d.text }),
    family: d.id,
    wireFamily: wire.get(d.id) ?? d.id,
    kind: "original",
  }));
  let t = 0;
  for (const d of originals) {
    if (rng() < 0.5) continue;
    for (let k = 0; k < 2; k++) {
      const kind = TRANSFORMS[t++ % TRANSFORMS.length];
      const text = transform(d.text, kind, Math.floor(rng() * 2 ** 31));
      const at = items.findIndex((x) => x.article.id === d.id) + 1 + Math.floor(rng() * 20);
      items.splice(Math.min(at, items.length), 0, {
        article: plainArticle({ id: `${d.id}~${kind}`, text }),
        family: d.id,
        wireFamily: wire.get(d.id) ?? d.id,
        kind,
      });
    }
  }
  return items;
}
