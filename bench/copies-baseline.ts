/**
 * The copies benchmark's baseline: articles whose exact word-3-shingle Jaccard is at least `t`
 * are joined (union-find). Shared by `copies-ecbplus.ts` (the bench) and `copies-tune.ts`.
 */
import { type Fingerprint, intersectSize } from "../src/match/fingerprint.js";

/** For each article, the index of the first article of its baseline group. */
export function shingleJaccardGroups(prints: readonly Fingerprint[], t: number): number[] {
  const parent = prints.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < prints.length; i++)
    for (let j = i + 1; j < prints.length; j++) {
      const c = intersectSize(prints[i].shingles, prints[j].shingles);
      const u = prints[i].shingles.length + prints[j].shingles.length - c;
      if (u > 0 && c / u >= t) parent[Math.max(root(i), root(j))] = Math.min(root(i), root(j));
    }
  return prints.map((_, i) => root(i));
}
