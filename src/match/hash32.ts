/**
 * Fast 32-bit hashing for fingerprints: FNV-1a over strings, murmur3's finaliser to mix, and
 * seeded multiply-shift permutations in Uint32 arithmetic (Math.imul), no allocation per call.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3 fmix32: spreads every input bit over every output bit. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-dependent combination of a running hash with one more value. */
export function combine(h: number, x: number): number {
  return fmix32(Math.imul(h ^ 0x9e3779b9, 31) + x);
}

/** A small seeded PRNG (mulberry32), for permutation parameters and benchmark generators. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` seeded multiply-shift permutations: odd multipliers and offsets, as Uint32Arrays. */
export function permutations(count: number, seed: number): { a: Uint32Array; b: Uint32Array } {
  const next = mulberry32(seed);
  const a = new Uint32Array(count);
  const b = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    a[i] = (Math.floor(next() * 4294967296) | 1) >>> 0;
    b[i] = Math.floor(next() * 4294967296) >>> 0;
  }
  return { a, b };
}
