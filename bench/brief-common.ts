/**
 * Shared by the brief benchmarks: the allsides-dev stories as Articles, ROUGE-1/2/L (stemmed
 * F-measure, LCS for L), and two baseline leads (first sentences round-robin; TF-IDF centroid).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/match/hash32.js";
import type { Article, Family } from "../src/model.js";
import { splitSentences } from "../src/text/sentences.js";
import { fold, stem, terms, words } from "../src/text/tokens.js";

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}

/** Path under ../shared, or exits with a message when it is missing. */
export function shared(...parts: string[]): string {
  const path = resolve(repoRoot(), "..", "shared", ...parts);
  if (!existsSync(path)) {
    process.stderr.write(`needs ${path} (the shared datasets), which this machine lacks\n`);
    process.exit(2);
  }
  return path;
}

export interface Story {
  id: string;
  articles: Article[];
  families: Family[];
  /** The editors' roundup (part after ARTICLE=>). */
  target: string;
}

function articleOf(id: string, title: string | null, text: string): Article {
  return {
    id,
    origin: { kind: "inline", name: id },
    title,
    byline: null,
    published: null,
    publishedPrecision: null,
    outlet: null,
    url: null,
    language: "en",
    paragraphs: [text],
    headings: [],
    removed: [],
    diagnostics: [],
    contentHash: id,
  };
}

/** The allsides-dev stories: three reports each, every report its own family. */
export function loadAllsides(): Story[] {
  const dir = shared("datasets", "allsides-dev");
  const sources = readFileSync(join(dir, "val.source"), "utf8").split("\n");
  const targets = readFileSync(join(dir, "val.target"), "utf8").split("\n");
  const stories: Story[] = [];
  sources.forEach((line, i) => {
    if (line.trim() === "" || targets[i] === undefined) return;
    const articles = line.split(" [SEP] ").map((part, k) => {
      const m = /^\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*([\s\S]*)$/.exec(part);
      return articleOf(`s${i + 1}-${k + 1}`, m ? m[1] : null, (m ? m[2] : part).trim());
    });
    const t = /ARTICLE=>\s*([\s\S]*)$/.exec(targets[i]);
    stories.push({
      id: `line-${i + 1}`,
      articles,
      families: articles.map((a) => ({
        id: a.id,
        first: a.id,
        members: [{ id: a.id, relation: "original", outlet: null }],
      })),
      target: (t ? t[1] : targets[i]).trim(),
    });
  });
  return stories;
}

/**
 * The reports of some stories as one mixed stream, shuffled by Fisher–Yates with a seeded PRNG
 * (same seed, same order), with each report's story id: the clustering benches' input.
 */
export function shuffledReports(
  stories: readonly Story[],
  seed: number,
): { articles: Article[]; gold: string[] } {
  const items = stories.flatMap((s) => s.articles.map((article) => ({ article, story: s.id })));
  const next = mulberry32(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return { articles: items.map((x) => x.article), gold: items.map((x) => x.story) };
}

/**
 * One half of the allsides stories (the first or the second, by line order) as one shuffled
 * stream (seed 1): the allsides side of the joint tuning folds.
 */
export function allsidesHalf(
  stories: readonly Story[],
  first: boolean,
): { articles: Article[]; gold: string[] } {
  const half = stories.length >> 1;
  return shuffledReports(first ? stories.slice(0, half) : stories.slice(half), 1);
}

/** ROUGE tokens: folded words, Porter-stemmed, stop words kept (as in the ROUGE toolkit with -m). */
export function rougeTokens(text: string): string[] {
  return words(text).map((w) => (/\d/.test(w) ? fold(w) : stem(w)));
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(" ");
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function f1(overlap: number, candidate: number, reference: number): number {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const p = overlap / candidate;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
}

function rougeN(c: string[], r: string[], n: number): number {
  const cg = ngrams(c, n);
  const rg = ngrams(r, n);
  let overlap = 0;
  for (const [g, k] of cg) overlap += Math.min(k, rg.get(g) ?? 0);
  return f1(overlap, Math.max(0, c.length - n + 1), Math.max(0, r.length - n + 1));
}

function lcs(a: string[], b: string[]): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j];
  }
  return prev[b.length];
}

export interface Rouge {
  r1: number;
  r2: number;
  rl: number;
}

export function rouge(candidate: string, reference: string): Rouge {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { r1: rougeN(c, r, 1), r2: rougeN(c, r, 2), rl: f1(lcs(c, r), c.length, r.length) };
}

export function meanRouge(list: Rouge[]): Rouge {
  const n = Math.max(1, list.length);
  return {
    r1: list.reduce((s, x) => s + x.r1, 0) / n,
    r2: list.reduce((s, x) => s + x.r2, 0) / n,
    rl: list.reduce((s, x) => s + x.rl, 0) / n,
  };
}

/** Same length rule as the lead: whole sentences, overshoot at most `slack` words. */
function takeWithin(sentences: string[], budget: number, slack: number): string[] {
  const out: string[] = [];
  let total = 0;
  for (const s of sentences) {
    if (total >= budget) break;
    const n = words(s).length;
    if (out.length > 0 && total + n > budget + slack) continue;
    out.push(s);
    total += n;
  }
  return out;
}

/** Greedy pick by score minus the overshoot cost, same length rule as takeWithin. */
function fitWithin(
  scored: { s: { text: string }; score: number }[],
  budget: number,
  slack: number,
  overshoot: number,
): string[] {
  const out: string[] = [];
  const left = scored.map((x) => ({ ...x, n: words(x.s.text).length }));
  let total = 0;
  while (left.length > 0 && total < budget) {
    let bestI = -1;
    let best = -Infinity;
    left.forEach((x, i) => {
      if (out.length > 0 && total + x.n > budget + slack) return;
      const v = x.score - (overshoot * Math.max(0, total + x.n - budget)) / budget;
      if (v > best) {
        best = v;
        bestI = i;
      }
    });
    if (bestI < 0) break;
    const [pick] = left.splice(bestI, 1);
    out.push(pick.s.text);
    total += pick.n;
  }
  return out;
}

function sentencesOf(a: Article): string[] {
  return a.paragraphs.flatMap((p) => splitSentences(p).map((s) => p.slice(s.start, s.end)));
}

/** Baseline 1: the first sentence of each report in turn, then the second of each, … */
export function firstSentencesLead(articles: Article[], budget: number, slack: number): string {
  const lists = articles.map(sentencesOf);
  const order: string[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) order.push(l[i]);
  return takeWithin(order, budget, slack).join(" ");
}

/**
 * Baseline 2: sentences by TF-IDF cosine with the story centroid, put back in reading order.
 * With `overshoot` > 0 (a reference, not the baseline): picked greedily by cosine minus
 * `overshoot` × (words past the budget) / budget, the lead's own length-aware rule, so the
 * bench can show how much of the lead's gain is length fitting alone.
 */
export function centroidLead(
  articles: Article[],
  budget: number,
  slack: number,
  overshoot = 0,
): string {
  const sents = articles.flatMap((a, ai) =>
    sentencesOf(a).map((text, si) => ({ text, ai, si, t: terms(text) })),
  );
  const df = new Map<string, number>();
  for (const s of sents) for (const t of new Set(s.t)) df.set(t, (df.get(t) ?? 0) + 1);
  const vec = (ts: string[]) => {
    const v = new Map<string, number>();
    for (const t of ts)
      v.set(t, (v.get(t) ?? 0) + Math.log((sents.length + 1) / (df.get(t)! + 0.5)));
    return v;
  };
  const centroid = vec(sents.flatMap((s) => s.t));
  const cos = (a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (const [, x] of a) na += x * x;
    for (const [, x] of b) nb += x * x;
    for (const [k, x] of a) dot += x * (b.get(k) ?? 0);
    return na && nb ? dot / Math.sqrt(na * nb) : 0;
  };
  const scored = sents
    .map((s) => ({ s, score: cos(vec(s.t), centroid) }))
    .sort((a, b) => b.score - a.score || a.s.ai - b.s.ai || a.s.si - b.s.si);
  const ranked = scored.map((x) => x.s);
  const chosen = new Set(
    overshoot > 0
      ? fitWithin(scored, budget, slack, overshoot)
      : takeWithin(
          ranked.map((s) => s.text),
          budget,
          slack,
        ),
  );
  return ranked
    .filter((s) => chosen.has(s.text))
    .sort((a, b) => a.si - b.si || a.ai - b.ai)
    .map((s) => s.text)
    .join(" ");
}
