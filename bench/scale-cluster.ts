/**
 * Scale of incremental clustering and copy indexing on a synthetic stream: articles per second,
 * time per 1,000 articles as the store grows (it must stay flat), and peak memory. Baseline in
 * the same run: brute-force clustering that scores every story (all-pairs candidate scan) on the
 * first BASELINE_N articles, against ours on the same articles.
 * Run: node --max-old-space-size=16000 dist/bench/scale-cluster.js 100000 [baselineN]
 * Environment: COPIES=0 (clustering only), PER_DAY=N (dated stream, N articles per day),
 * PROFILE_AT=N [PROFILE_N=20000] (CPU profile of the PROFILE_N articles after the N-th).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { StoryClusterer } from "../src/cluster/story-clusterer.js";
import { storyFeatures } from "../src/cluster/story-features.js";
import { CopyIndex } from "../src/match/copy-families.js";
import { classifyPair } from "../src/match/derivation.js";
import { fingerprint } from "../src/match/fingerprint.js";
import type { Article } from "../src/model.js";
import { scoreClustering } from "./cluster-metrics.js";
import { syntheticStream } from "./scale-synthetic.js";

const total = Number(process.argv[2] ?? 10_000);
const baselineN = Number(process.argv[3] ?? 5_000);
const withCopies = process.env.COPIES !== "0";
/** PER_DAY=N: dated stream, N articles per day (retirement applies); undated by default. */
const perDay = Number(process.env.PER_DAY ?? 0);
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
/** PROFILE_AT=N: CPU-profile the PROFILE_N (default 20,000) articles after N into scale-N.cpuprofile. */
const profileAt = Number(process.env.PROFILE_AT ?? -1);
const profileN = Number(process.env.PROFILE_N ?? 20_000);

/** Garbage-collection pause time so far (ms), from the runtime's own gc entries. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ["gc"] });
const inspector = profileAt >= 0 ? new Session() : null;
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    inspector?.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
  );
if (inspector) {
  inspector.connect();
  await post("Profiler.enable");
}

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

/** Brute force: the same scoring idea, every story scanned for every article. */
function bruteForce(n: number): { ms: number; stories: number; perK: number[] } {
  const perK: number[] = [];
  let windowStart = performance.now();
  const stories: { w: Map<string, number>; norm: number }[] = [];
  const df = new Map<string, number>();
  let docs = 0;
  const t0 = performance.now();
  for (const article of syntheticStream(n)) {
    const f = storyFeatures(article);
    docs++;
    for (const t of f.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const idf = (t: string) => Math.log((docs + 200) / ((df.get(t) ?? 0) + 0.5));
    let norm = 0;
    for (const [t, w] of f.terms) norm += (w * idf(t)) ** 2;
    norm = Math.sqrt(norm) || 1;
    let best = -1;
    let bestScore = 0;
    stories.forEach((s, i) => {
      let dot = 0;
      for (const [t, w] of f.terms) {
        const v = s.w.get(t);
        if (v !== undefined) dot += w * v * idf(t) ** 2;
      }
      const score = dot / (norm * s.norm);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (best < 0 || bestScore < 0.22) stories.push({ w: new Map(f.terms), norm: 1 });
    else {
      const s = stories[best];
      for (const [t, w] of f.terms) s.w.set(t, (s.w.get(t) ?? 0) + w);
    }
    const target = best < 0 || bestScore < 0.22 ? stories[stories.length - 1] : stories[best];
    let sn = 0;
    for (const [t, w] of target.w) sn += (w * idf(t)) ** 2;
    target.norm = Math.sqrt(sn) || 1;
    if (docs % 1000 === 0) {
      const now = performance.now();
      perK.push(now - windowStart);
      windowStart = now;
    }
  }
  return { ms: performance.now() - t0, stories: stories.length, perK };
}

/**
 * Control for the machine's speed at each checkpoint (other jobs share its two cores): CPU time
 * of a fresh clusterer over a fixed sample of CONTROL_N articles, whose cost does not depend on
 * what the measured clusterer stores. Per-1k costs are also reported divided by it.
 */
const CONTROL_N = 2000;
const controlSample = [...syntheticStream(CONTROL_N, { seed: 7 })];
const controlCpuMs = () => {
  const c = new StoryClusterer();
  const c0 = process.cpuUsage();
  for (const article of controlSample) c.add(article);
  return (cpuMs(process.cpuUsage(c0)) / CONTROL_N) * 1000;
};
const clusterer = new StoryClusterer();
const copies = new CopyIndex();
const checkpoints = new Set(
  [1_000, 10_000, 50_000, 100_000, 200_000, 300_000, 500_000, 1_000_000].filter((c) => c <= total),
);
const perK: {
  at: number;
  clusterMs: number;
  copyMs: number;
  clusterCpuMs: number;
  copyCpuMs: number;
  meanCpuMs: number;
  meanGcMs: number;
  meanSegMs: number;
  controlMs: number;
}[] = [];
let copyCpu = 0;
let clusterMs = 0;
let copyMs = 0;
let pairs = 0;
let n = 0;
let oursAtBaseline = 0;
let oursCpuAtBaseline = 0;
let clusterCpu = 0;
/** CPU ms of clustering for each window of WINDOW articles, to average the noisy windows. */
const windowCpu: number[] = [];
/** Garbage-collection pause time (ms) in each window (clustering and copies together). */
const windowGc: number[] = [];
/** Lets the runtime deliver its gc entries (they arrive asynchronously). */
const tick = () => new Promise((resolve) => setImmediate(resolve));
// Articles are generated a window at a time, outside the timed sections; the timers (wall and
// this process's CPU) are read once per window, so their own cost does not weigh per article.
const WINDOW = 1000;
const gold: number[] = [];
const stream = syntheticStream(total, { gold, perDay });
let lastWork = clusterer.workDone();
while (n < total) {
  const batch: Article[] = [];
  for (let r = stream.next(); !r.done; ) {
    batch.push(r.value);
    if (batch.length === WINDOW) break;
    r = stream.next();
  }
  if (batch.length === 0) break;
  if (n === profileAt) await post("Profiler.start");
  await tick();
  const g0 = gcMs;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const article of batch) clusterer.add(article);
  const t1 = performance.now();
  const c1 = cpuMs(process.cpuUsage(c0));
  const c2 = process.cpuUsage();
  if (withCopies) {
    batch.forEach((article, k) => {
      const print = fingerprint(article, n + k);
      for (const i of copies.add(print)) {
        classifyPair(copies.prints[i], print);
        pairs++;
      }
    });
  }
  const t2 = performance.now();
  const c3 = cpuMs(process.cpuUsage(c2));
  await tick();
  windowGc.push(gcMs - g0);
  if (profileAt >= 0 && n + batch.length === profileAt + profileN) {
    const { profile } = (await post("Profiler.stop")) as { profile: object };
    writeFileSync(`scale-${profileAt}.cpuprofile`, JSON.stringify(profile));
  }
  clusterCpu += c1;
  copyCpu += c3;
  windowCpu.push(c1);
  clusterMs += t1 - t0;
  copyMs += t2 - t1;
  n += batch.length;
  if (n === baselineN) {
    oursAtBaseline = clusterMs;
    oursCpuAtBaseline = clusterCpu;
  }
  sample();
  const w = clusterer.workDone();
  const work = {
    postings: w.postingsScanned - lastWork.postingsScanned,
    candidates: w.candidatesScored - lastWork.candidatesScored,
    steps: w.termSteps - lastWork.termSteps,
  };
  lastWork = w;
  // Time of the 1,000 articles ending at each checkpoint, and the mean over the last 5,000.
  if (checkpoints.has(n)) {
    process.stderr.write(
      `work ${n}: per article ${(work.postings / batch.length).toFixed(0)} postings read, ${(work.candidates / batch.length).toFixed(1)} candidates scored, ${(work.steps / batch.length).toFixed(0)} centroid terms read; terms in the dictionary ${clusterer.vocabulary}\n`,
    );
    const last = windowCpu.slice(-5);
    const mean = last.reduce((x, y) => x + y, 0) / last.length;
    // Since the previous checkpoint (many windows: steadier than the last five).
    const since = (perK.at(-1)?.at ?? 0) / WINDOW;
    const segCpu = windowCpu.slice(since);
    const meanSeg = segCpu.reduce((x, y) => x + y, 0) / segCpu.length;
    const segGc = windowGc.slice(since);
    const meanGc = segGc.reduce((x, y) => x + y, 0) / segGc.length;
    perK.push({
      at: n,
      clusterMs: t1 - t0,
      copyMs: t2 - t1,
      clusterCpuMs: c1,
      copyCpuMs: c3,
      meanCpuMs: mean,
      meanGcMs: meanGc,
      meanSegMs: meanSeg,
      controlMs: controlCpuMs(),
    });
    const m = process.memoryUsage();
    process.stderr.write(
      `progress ${n}: per 1k clustering ${(t1 - t0).toFixed(0)} ms (CPU ${c1.toFixed(0)} ms, mean of last 5k ${mean.toFixed(0)} ms, since the previous checkpoint ${meanSeg.toFixed(0)} ms of which GC pauses ${meanGc.toFixed(0)} ms), copies ${(t2 - t1).toFixed(0)} ms (CPU ${c3.toFixed(0)} ms), rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB\n`,
    );
  }
}
sample();
const stories = clusterer.storyList().length;
{
  // Quality on the synthetic stream's true stories (a check that speed did not cost accuracy).
  const predicted: string[] = [];
  for (let i = 0; i < n; i++) predicted.push(clusterer.storyOf(`a${i}`) ?? "");
  const q = scoreClustering(
    predicted,
    gold.slice(0, n).map((g) => String(g)),
  );
  console.log(
    `quality against the stream's true stories (${new Set(gold.slice(0, n)).size}): B³ P ${(100 * q.bcubedP).toFixed(1)} R ${(100 * q.bcubedR).toFixed(1)} F1 ${(100 * q.bcubedF).toFixed(1)}; pairwise F1 ${(100 * q.pairF).toFixed(1)}`,
  );
}
console.log(
  `articles: ${n}${perDay ? ` (dated, ${perDay} per day)` : " (undated)"}, stories: ${stories}, copy candidate pairs classified: ${pairs}`,
);
console.log(
  `clustering: ${(n / (clusterMs / 1000)).toFixed(0)} articles/s (${(clusterMs / 1000).toFixed(1)} s)` +
    (withCopies
      ? `; copy fingerprint+index+classify: ${(n / (copyMs / 1000)).toFixed(0)} articles/s (${(copyMs / 1000).toFixed(1)} s)`
      : ""),
);
console.log(
  `clustering CPU time (user+system of this process, less sensitive to other load on the machine): ${(clusterCpu / 1000).toFixed(1)} s = ${(n / (clusterCpu / 1000)).toFixed(0)} articles per CPU-second` +
    (withCopies
      ? `; copies ${(copyCpu / 1000).toFixed(1)} s = ${(n / (copyCpu / 1000)).toFixed(0)} articles per CPU-second`
      : ""),
);
console.log(
  `peak rss ${(peakRss / 2 ** 20).toFixed(0)} MiB, peak heapUsed ${(peakHeap / 2 ** 20).toFixed(0)} MiB`,
);
for (const p of perK)
  console.log(
    `  per 1k articles at ${p.at}: clustering ${p.clusterMs.toFixed(0)} ms wall, ${p.clusterCpuMs.toFixed(0)} ms CPU (mean of the last 5k: ${p.meanCpuMs.toFixed(0)} ms CPU; since the previous checkpoint: ${p.meanSegMs.toFixed(0)} ms CPU, GC pauses ${p.meanGcMs.toFixed(0)} ms; control ${p.controlMs.toFixed(0)} ms)` +
      (withCopies
        ? `; copies ${p.copyMs.toFixed(0)} ms wall, ${p.copyCpuMs.toFixed(0)} ms CPU`
        : ""),
  );
if (baselineN > 0 && baselineN <= total) {
  const cb = process.cpuUsage();
  const b = bruteForce(baselineN);
  const bCpu = cpuMs(process.cpuUsage(cb));
  console.log(
    `baseline brute-force scan of all stories, first ${baselineN}: ${b.ms.toFixed(0)} ms wall, ${bCpu.toFixed(0)} ms CPU (${b.stories} stories) vs ours ${oursAtBaseline.toFixed(0)} ms wall, ${oursCpuAtBaseline.toFixed(0)} ms CPU on the same articles: ratio ${(b.ms / oursAtBaseline).toFixed(1)}x wall, ${(bCpu / oursCpuAtBaseline).toFixed(1)}x CPU`,
  );
  console.log(
    `  baseline per 1k articles: ${b.perK.map((x) => x.toFixed(0)).join(", ")} ms (grows with the stories stored)`,
  );
}
