/**
 * Token-bucket rate limiting of writes, one bucket per client key (a token's hash or the
 * remote address). The clock is injected so tests can step time.
 */

/** Writes a client may make in a burst before being slowed down. */
export const WRITE_BURST = 20;
/** Sustained writes per second per client once the burst is spent: ingest is CPU-bound, so a
 * single client is held to roughly what a laptop extracts and clusters without falling behind. */
export const WRITE_RATE_PER_SECOND = 1;
/** Buckets kept before idle (full) ones are dropped, bounding memory under many clients. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst = WRITE_BURST,
    private readonly perSecond = WRITE_RATE_PER_SECOND,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** Takes one token for `key`: 0 when allowed, else the seconds to wait before retrying. */
  take(key: string): number {
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > MAX_BUCKETS) this.prune(now);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}
