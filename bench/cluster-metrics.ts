/** Clustering scores for the benchmarks: BCubed and pairwise precision/recall/F1. */

export interface Scores {
  bcubedP: number;
  bcubedR: number;
  bcubedF: number;
  pairP: number;
  pairR: number;
  pairF: number;
  predicted: number;
  gold: number;
}

/** Thresholds every clustering bench searches: 0.05 to 0.63 in steps of 0.02. */
export const THRESHOLD_GRID = Array.from(
  { length: 30 },
  (_, i) => Math.round((0.05 + i * 0.02) * 100) / 100,
);

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Scores predicted labels against gold labels (same length, same order). */
export function scoreClustering(predicted: readonly string[], gold: readonly string[]): Scores {
  const n = predicted.length;
  const byPred = new Map<string, number[]>();
  const byGold = new Map<string, number[]>();
  predicted.forEach((p, i) => {
    const list = byPred.get(p);
    if (list) list.push(i);
    else byPred.set(p, [i]);
  });
  gold.forEach((g, i) => {
    const list = byGold.get(g);
    if (list) list.push(i);
    else byGold.set(g, [i]);
  });
  let bp = 0;
  let br = 0;
  for (let i = 0; i < n; i++) {
    const p = byPred.get(predicted[i]) ?? [];
    const g = byGold.get(gold[i]) ?? [];
    const both = p.filter((j) => gold[j] === gold[i]).length;
    bp += both / p.length;
    br += both / g.length;
  }
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  for (const list of byPred.values()) {
    predPairs += (list.length * (list.length - 1)) / 2;
    const counts = new Map<string, number>();
    for (const i of list) counts.set(gold[i], (counts.get(gold[i]) ?? 0) + 1);
    for (const c of counts.values()) tp += (c * (c - 1)) / 2;
  }
  for (const list of byGold.values()) goldPairs += (list.length * (list.length - 1)) / 2;
  const bcubedP = n ? bp / n : 0;
  const bcubedR = n ? br / n : 0;
  const pairP = predPairs ? tp / predPairs : 1;
  const pairR = goldPairs ? tp / goldPairs : 1;
  return {
    bcubedP,
    bcubedR,
    bcubedF: f1(bcubedP, bcubedR),
    pairP,
    pairR,
    pairF: f1(pairP, pairR),
    predicted: byPred.size,
    gold: byGold.size,
  };
}
