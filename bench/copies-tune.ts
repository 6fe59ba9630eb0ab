/**
 * Tune-fold tool for the copies bench: scores our families (shipped defaults) on corpora built
 * from the odd-topic ECB+ originals only (seeds from the command line), under both golds, and
 * with MISSES=1 lists missed and false pairs (ids, kinds and pair scores) for error analysis.
 * Never reads the even topics. `node dist/bench/copies-tune.js [seeds, default 1,2,3,4,5]`.
 */
import { findCopyFamilies, scoreCandidatePairs } from "../src/match/copy-families.js";
import { classifyPair, DEFAULT_THRESHOLDS } from "../src/match/derivation.js";
import { fingerprint } from "../src/match/fingerprint.js";
import { shingleJaccardGroups } from "./copies-baseline.js";
import { type CorpusItem, copiesCorpus } from "./copies-generate.js";
import { ecbPlusDir, loadEcbPlus } from "./ecbplus-data.js";

const { docs, gold } = loadEcbPlus(ecbPlusDir(undefined));
const odd = docs.filter((d) => (gold.get(d.id)?.topic ?? 0) % 2 === 1);
const seeds = (process.argv[2] ?? "1,2,3,4,5").split(",").map(Number);
const pct = (x: number) => (100 * x).toFixed(1);

for (const key of ["wireFamily", "family"] as const) {
  const sums = { tp: 0, fp: 0, fn: 0, spinHit: 0, spinAll: 0 };
  const rows: string[] = [];
  for (const seed of seeds) {
    const items: CorpusItem[] = copiesCorpus(odd, seed);
    const prints = items.map((x, i) => fingerprint(x.article, i));
    const families = findCopyFamilies(
      items.map((x) => x.article),
      DEFAULT_THRESHOLDS,
      prints,
    );
    const cand = new Map<string, string>();
    if (process.env.MISSES)
      for (const { i, j, verdict } of scoreCandidatePairs(
        items.map((x) => x.article),
        DEFAULT_THRESHOLDS,
        prints,
      ).pairs)
        cand.set(`${i},${j}`, verdict.relation);
    const fam = new Map<string, string>();
    for (const f of families) for (const m of f.members) fam.set(m.id, f.id);
    if (process.env.BASELINE) {
      // Shingle Jaccard ≥ BASELINE, union-find (the bench's baseline).
      const groups = shingleJaccardGroups(prints, Number(process.env.BASELINE));
      items.forEach((x, i) => {
        fam.set(x.article.id, items[groups[i]].article.id);
      });
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let fpWire = 0;
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i];
        const b = items[j];
        const same = a[key] === b[key];
        const pred = fam.get(a.article.id) === fam.get(b.article.id);
        if (same && pred) tp++;
        else if (pred) {
          fp++;
          if (a.wireFamily === b.wireFamily) fpWire++;
        } else if (same) fn++;
        if (a.family === b.family && (a.kind === "spin" || b.kind === "spin")) {
          sums.spinAll++;
          if (pred) sums.spinHit++;
        }
        if (process.env.MISSES && same !== pred) {
          const v = classifyPair(prints[i], prints[j]);
          const s = v.scores;
          rows.push(
            `${same ? "MISS" : "FALSE"} s${seed} ${a.article.id}(${a.kind},${prints[i].sentences.length}s) ${b.article.id}(${b.kind},${prints[j].sentences.length}s) c ${s.containment.toFixed(2)} own ${s.ownContainment.toFixed(2)} al ${s.aligned.toFixed(2)}/${s.alignedCount} ord ${s.orderedShare.toFixed(2)} anc ${s.anchors.toFixed(2)} ${v.relation} cand ${cand.get(`${i},${j}`) ?? "no"} fam ${fam.get(a.article.id)} | ${fam.get(b.article.id)}`,
          );
        }
      }
    sums.tp += tp;
    sums.fp += fp;
    sums.fn += fn;
    const p = tp / (tp + fp);
    const r = tp / (tp + fn);
    console.log(
      `${key} seed ${seed}: P ${pct(p)} R ${pct(r)} F1 ${pct((2 * p * r) / (p + r))} (tp ${tp} fp ${fp}, of which same wire family ${fpWire}, fn ${fn})`,
    );
  }
  const p = sums.tp / (sums.tp + sums.fp);
  const r = sums.tp / (sums.tp + sums.fn);
  console.log(
    `${key} all: P ${pct(p)} R ${pct(r)} F1 ${pct((2 * p * r) / (p + r))}; spin recall ${pct(sums.spinHit / sums.spinAll)}`,
  );
  if (key === "wireFamily") for (const r of rows) console.log(r);
}
