/**
 * Brief speed: briefs per second over the allsides-dev batch (307 three-report stories) and
 * milliseconds for one 50-article story (50 ECB+ reports of the largest topics), each beside the
 * first-sentences baseline lead in the same run, as a ratio.
 * Run: npx tsc -p . && node dist/bench/brief-speed.js
 */
import { buildBrief } from "../src/brief/build-brief.js";
import type { Article, Family } from "../src/model.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { firstSentencesLead, loadAllsides, shared } from "./brief-common.js";

/** Repeats of the 50-article brief; the median is reported. */
const REPEATS = 5;

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** 50 ECB+ reports: the largest topics first (each topic is two events of one kind), in id order. */
function ecbFifty(): Article[] {
  const dir = shared("datasets", "ecbplus-dev");
  const docs = readFileSync(join(dir, "docs.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; text: string });
  const topic = new Map<string, number>();
  for (const l of readFileSync(join(dir, "gold.jsonl"), "utf8").trim().split("\n")) {
    const g = JSON.parse(l) as { id: string; topic: number };
    topic.set(g.id, g.topic);
  }
  const size = new Map<number, number>();
  for (const t of topic.values()) size.set(t, (size.get(t) ?? 0) + 1);
  const sorted = docs
    .slice()
    .sort(
      (a, b) =>
        size.get(topic.get(b.id)!)! - size.get(topic.get(a.id)!)! ||
        topic.get(a.id)! - topic.get(b.id)! ||
        (a.id < b.id ? -1 : 1),
    );
  return sorted.slice(0, 50).map((d) => ({
    id: d.id,
    origin: { kind: "inline", name: d.id },
    title: null,
    byline: null,
    published: null,
    publishedPrecision: null,
    outlet: null,
    url: null,
    language: "en",
    paragraphs: d.text
      .split("\n")
      .map((x) => x.trim())
      .filter((x) => x !== ""),
    headings: [],
    removed: [],
    diagnostics: [],
    contentHash: d.id,
  }));
}

function main(): void {
  const stories = loadAllsides();
  // Warm-up (JIT) on a few stories, not timed.
  for (const s of stories.slice(0, 10)) buildBrief(s.articles, s.families, {});

  let sink = 0;
  const ours = time(() => {
    for (const s of stories)
      sink += buildBrief(s.articles, s.families, { leadWords: 75 }).lead.length;
  });
  const base = time(() => {
    for (const s of stories) sink += firstSentencesLead(s.articles, 75, 12).length;
  });

  const articles = ecbFifty();
  const families: Family[] = articles.map((a) => ({
    id: a.id,
    first: a.id,
    members: [{ id: a.id, relation: "original", outlet: null }],
  }));
  const words = articles.reduce((n, a) => n + a.paragraphs.join(" ").split(/\s+/).length, 0);
  const big: number[] = [];
  const bigBase: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    big.push(time(() => (sink += buildBrief(articles, families, {}).facts.length)));
    bigBase.push(time(() => (sink += firstSentencesLead(articles, 80, 12).length)));
  }
  const out = [
    `node ${process.version}, ${stories.length} allsides stories (3 reports each)`,
    "",
    "| measure | crosscheck brief | baseline (first-sentences lead) | ratio |",
    "|---|---|---|---|",
    `| allsides batch, total ms | ${ours.toFixed(0)} | ${base.toFixed(1)} | ${(ours / base).toFixed(0)}× slower |`,
    `| allsides batch, briefs per second | ${((stories.length * 1000) / ours).toFixed(1)} | ${((stories.length * 1000) / base).toFixed(0)} | |`,
    `| one 50-article ECB+ story (${words} words), median of ${REPEATS} ms | ${median(big).toFixed(0)} | ${median(bigBase).toFixed(2)} | ${(median(big) / median(bigBase)).toFixed(0)}× slower |`,
    "",
    `(checksum ${sink % 997})`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
}

main();
