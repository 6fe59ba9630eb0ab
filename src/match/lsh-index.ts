/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into bands of a few
 * rows; items sharing any whole band are candidates. Look-up cost depends on the bucket sizes,
 * not on the number of items stored. Buckets larger than a cap are treated as noise (boilerplate).
 */
import { combine } from "./hash32.js";

export interface LshOptions {
  bands: number;
  rows: number;
  /** Buckets holding more items than this are ignored at query time (too common to mean much). */
  maxBucket?: number;
}

/** An index from band keys to item numbers (small integers chosen by the caller). */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  readonly maxBucket: number;
  private readonly buckets: Map<number, number[]>[];

  constructor(options: LshOptions) {
    this.bands = options.bands;
    this.rows = options.rows;
    this.maxBucket = options.maxBucket ?? Number.POSITIVE_INFINITY;
    this.buckets = Array.from({ length: this.bands }, () => new Map<number, number[]>());
  }

  /** The band keys of a signature (one per band). */
  keys(signature: Uint32Array): Uint32Array {
    const out = new Uint32Array(this.bands);
    for (let band = 0; band < this.bands; band++) {
      let h = band;
      const base = band * this.rows;
      for (let r = 0; r < this.rows; r++) h = combine(h, signature[base + r]);
      out[band] = h;
    }
    return out;
  }

  add(item: number, signature: Uint32Array): void {
    this.addKeys(item, this.keys(signature));
  }

  addKeys(item: number, keys: Uint32Array): void {
    for (let band = 0; band < this.bands; band++) {
      const map = this.buckets[band];
      const list = map.get(keys[band]);
      if (list === undefined) map.set(keys[band], [item]);
      else if (list[list.length - 1] !== item) list.push(item);
    }
  }

  /** Items sharing at least one band with the signature, ascending, without duplicates. */
  query(signature: Uint32Array): number[] {
    return this.queryKeys(this.keys(signature));
  }

  queryKeys(keys: Uint32Array): number[] {
    const found = new Set<number>();
    for (let band = 0; band < this.bands; band++) {
      const list = this.buckets[band].get(keys[band]);
      if (list === undefined || list.length > this.maxBucket) continue;
      for (const item of list) found.add(item);
    }
    return [...found].sort((x, y) => x - y);
  }
}
