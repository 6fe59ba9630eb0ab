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
  /** Per band: key → one item (most buckets hold one) or a list of items. */
  private readonly buckets: Map<number, number | number[]>[];

  constructor(options: LshOptions) {
    this.bands = options.bands;
    this.rows = options.rows;
    this.maxBucket = options.maxBucket ?? Number.POSITIVE_INFINITY;
    this.buckets = Array.from({ length: this.bands }, () => new Map<number, number | number[]>());
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
      const found = map.get(keys[band]);
      if (found === undefined) map.set(keys[band], item);
      else if (typeof found === "number") {
        if (found !== item) map.set(keys[band], [found, item]);
      } else if (found[found.length - 1] !== item) found.push(item);
    }
  }

  /** Items sharing at least one band with the signature, ascending, without duplicates. */
  query(signature: Uint32Array): number[] {
    return this.queryKeys(this.keys(signature));
  }

  queryKeys(keys: Uint32Array): number[] {
    const found = new Set<number>();
    for (let band = 0; band < this.bands; band++) {
      const bucket = this.buckets[band].get(keys[band]);
      if (bucket === undefined) continue;
      if (typeof bucket === "number") found.add(bucket);
      else if (bucket.length <= this.maxBucket) for (const item of bucket) found.add(item);
    }
    return [...found].sort((x, y) => x - y);
  }
}
