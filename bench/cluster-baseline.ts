/**
 * The clustering baseline: TF-IDF cosine (stems from src/text/tokens.ts, IDF over the batch)
 * and average-link agglomerative clustering cut at one threshold. Offline and O(n²) memory.
 */
import type { Article } from "../src/model.js";
import { terms } from "../src/text/tokens.js";

/** What the baseline reads of an article: its title and paragraphs. */
export function baselineText(article: Article): string {
  return [article.title ?? "", ...article.paragraphs].join("\n");
}

/** Unit TF-IDF vectors (sublinear tf) of a batch of texts, as sorted term → weight maps. */
export function tfidfVectors(texts: readonly string[]): Map<string, number>[] {
  const tfs = texts.map((text) => {
    const tf = new Map<string, number>();
    for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = texts.length;
  return tfs.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * Math.log((n + 1) / ((df.get(t) ?? 0) + 0.5));
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const v = big.get(t);
    if (v !== undefined) dot += w * v;
  }
  return dot;
}

/** Pairwise cosine matrix (n×n, row-major). */
export function similarityMatrix(texts: readonly string[]): Float64Array {
  const vecs = tfidfVectors(texts);
  const n = vecs.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = cosine(vecs[i], vecs[j]);
  return sim;
}

/** Average-link agglomerative clustering: merge the closest pair while its similarity ≥ threshold. */
export function averageLink(sim: Float64Array, n: number, threshold: number): number[] {
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const alive = new Array<boolean>(n).fill(true);
  // Cluster-level similarity (sum of pair similarities), updated on merge.
  const sum = Float64Array.from(sim);
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!alive[j]) continue;
        const avg = sum[i * n + j] / (members[i].length * members[j].length);
        if (avg > best) {
          best = avg;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold) break;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bi || k === bj) continue;
      const s = sum[bi * n + k] + sum[bj * n + k];
      sum[bi * n + k] = sum[k * n + bi] = s;
    }
    members[bi] = [...members[bi], ...members[bj]];
    alive[bj] = false;
  }
  const label = new Array<number>(n).fill(-1);
  members.forEach((list, c) => {
    if (alive[c]) for (const i of list) label[i] = c;
  });
  return label;
}
