/**
 * A one-line progress bar for long ingests on a terminal: count, percentage, rate and ETA,
 * redrawn at most every PROGRESS_INTERVAL_MS on stderr. Silent when stderr is not a TTY.
 */

/** Least time between redraws (ms): frequent enough to look alive, rare enough to cost nothing. */
export const PROGRESS_INTERVAL_MS = 200;
/** Width of the bar in characters. */
const BAR_WIDTH = 24;

export interface ProgressOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export class ProgressBar {
  private readonly started: number;
  private last = 0;
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly total: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.started = clock();
  }

  /**
   * Redraws the bar if it is time; `force` draws regardless. The final state (done reaching the
   * total) is always drawn, so a bar never stops short of 100 %.
   */
  update(done: number, force = done >= this.total): void {
    if (!this.out.isTTY) return;
    const t = this.clock();
    if (!force && t - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = t;
    this.out.write(`\r${formatProgress(done, this.total, (t - this.started) / 1000)}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the line so the summary starts clean. */
  finish(): void {
    if (this.drawn) this.out.write("\r\x1b[K");
  }
}

/** "[#####-----]  500/1000  50%  123.4/s  ETA 0:04" */
export function formatProgress(done: number, total: number, seconds: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? Math.max(0, (total - done) / rate) : Number.NaN;
  return (
    `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} ` +
    `${Math.floor(fraction * 100)}% ${rate.toFixed(1)}/s ETA ${formatDuration(eta)}`
  );
}

/** "1:02:03", "4:05", or "?" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
