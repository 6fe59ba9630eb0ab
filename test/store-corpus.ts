/**
 * A synthetic, seeded news corpus for store tests and benchmarks: stories with their own
 * vocabulary, several independent reports per story, and verbatim copies (wire reposts).
 * Invented words only, so nothing is copied from real data; same seed, same corpus.
 */
import type { RawInput } from "../src/model.js";

export interface CorpusOptions {
  stories: number;
  /** Independent reports per story. */
  reportsPerStory: number;
  /** Verbatim copies (with a changed footer line) per report. */
  copiesPerReport: number;
  seed?: number;
  /** Paragraphs per report. */
  paragraphs?: number;
  /** Share of a report's words drawn from its story's own vocabulary (default 0.8). */
  storyWordShare?: number;
}

/** A seeded xorshift32 generator returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

const SYLLABLES = "ka lo mi ne ru sa ti vo ze ba de fi go hu ja ke li mo nu pa re si to vu".split(
  " ",
);

function word(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return w;
}

/** Default share of a report's words drawn from its story's own vocabulary (the rest are general). */
const STORY_WORD_SHARE = 0.8;
const STORY_VOCABULARY = 60;
const GENERAL_VOCABULARY = 2000;
const WORDS_PER_PARAGRAPH = 40;

/** The corpus as RawInputs (JSONL-like: text plus metadata), in a shuffled arrival order. */
export function syntheticCorpus(options: CorpusOptions): RawInput[] {
  const rand = rng(options.seed ?? 42);
  const general = Array.from({ length: GENERAL_VOCABULARY }, () => word(rand));
  const paragraphs = options.paragraphs ?? 6;
  const share = options.storyWordShare ?? STORY_WORD_SHARE;
  const out: RawInput[] = [];
  for (let s = 0; s < options.stories; s++) {
    const vocabulary = Array.from({ length: STORY_VOCABULARY }, () => word(rand));
    for (let r = 0; r < options.reportsPerStory; r++) {
      const body: string[] = [];
      for (let p = 0; p < paragraphs; p++) {
        const words: string[] = [];
        for (let w = 0; w < WORDS_PER_PARAGRAPH; w++) {
          const pool = rand() < share ? vocabulary : general;
          words.push(pool[Math.floor(rand() * pool.length)]);
        }
        body.push(`${words.join(" ")}.`);
      }
      const title = `Story ${s} report ${r}`;
      for (let c = 0; c <= options.copiesPerReport; c++) {
        const id = c === 0 ? `s${s}-r${r}` : `s${s}-r${r}-copy${c}`;
        const text =
          c === 0 ? body.join("\n\n") : `${body.join("\n\n")}\n\nReposted by outlet ${c}.`;
        out.push({
          id,
          origin: { kind: "jsonl", name: `corpus.jsonl:${id}` },
          text,
          meta: {
            title,
            url: `https://outlet${c}.example/${s}/${r}`,
            outlet: `Outlet ${c}`,
            published: `2024-06-${String(1 + (s % 28)).padStart(2, "0")}`,
          },
        });
      }
    }
  }
  // Arrival order is shuffled (seeded) so copies and reports of one story interleave with others.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The corpus as JSONL text (one input per line), for the CLI. */
export function corpusJsonl(inputs: readonly RawInput[]): string {
  return inputs
    .map((i) => JSON.stringify({ id: i.id, text: i.text, ...(i.meta ?? {}) }))
    .join("\n")
    .concat("\n");
}
