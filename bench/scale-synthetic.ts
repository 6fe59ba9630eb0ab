/**
 * Synthetic news stream for the scale benchmarks (seeded, deterministic): a pseudo-word
 * vocabulary with Zipf-distributed background words, and stories that each have their own
 * topic words, names and numbers; stories arrive, stay active for a while, then fade.
 */
import { plainArticle } from "../src/cluster/plain-article.js";
import { mulberry32 } from "../src/match/hash32.js";
import type { Article } from "../src/model.js";

const SYLLABLES =
  "ka lo mi ra te su no vi be da re ko pa tu li ma ne so gi fa ho ze yu wa xi qu ren tal mor vin".split(
    " ",
  );

export interface StreamOptions {
  seed?: number;
  vocabulary?: number;
  /** Stories active at once; a new story replaces a random one with this probability per article. */
  active?: number;
  newStoryRate?: number;
  sentences?: [number, number];
  /** When given, receives each article's true story number, in stream order (for scoring). */
  gold?: number[];
  /**
   * Articles per day: when given, articles are dated, `perDay` consecutive ones per day from
   * 2024-01-01 (a story lives about active / newStoryRate = 3,000 articles). Undated otherwise.
   */
  perDay?: number;
}

const START = Date.UTC(2024, 0, 1);

export function* syntheticStream(total: number, options: StreamOptions = {}): Generator<Article> {
  const rng = mulberry32(options.seed ?? 42);
  const vocabSize = options.vocabulary ?? 40_000;
  const word = (i: number) => {
    let w = "";
    let x = i + 7;
    do {
      w += SYLLABLES[x % SYLLABLES.length];
      x = Math.floor(x / SYLLABLES.length);
    } while (x > 0);
    return w;
  };
  const vocab = Array.from({ length: vocabSize }, (_, i) => word(i));
  // Zipf background: inverse-CDF over precomputed cumulative weights.
  const cumulative = new Float64Array(vocabSize);
  let sum = 0;
  for (let i = 0; i < vocabSize; i++) cumulative[i] = sum += 1 / (i + 1);
  const zipf = () => {
    const x = rng() * sum;
    let lo = 0;
    let hi = vocabSize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo];
  };
  interface Story {
    no: number;
    topic: string[];
    names: string[];
    numbers: string[];
  }
  let stories = 0;
  const newStory = (): Story => {
    const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
    return {
      no: stories++,
      topic: Array.from({ length: 15 }, () => vocab[Math.floor(rng() * vocabSize)]),
      names: Array.from({ length: 4 }, () => cap(vocab[Math.floor(rng() * vocabSize)])),
      numbers: Array.from({ length: 3 }, () => String(Math.floor(rng() * 10_000))),
    };
  };
  const activeCount = options.active ?? 300;
  const active = Array.from({ length: activeCount }, newStory);
  const rate = options.newStoryRate ?? 0.1;
  const [minS, maxS] = options.sentences ?? [3, 5];
  for (let n = 0; n < total; n++) {
    if (rng() < rate) active[Math.floor(rng() * activeCount)] = newStory();
    const story = active[Math.floor(rng() * activeCount)];
    const sentences: string[] = [];
    const count = minS + Math.floor(rng() * (maxS - minS + 1));
    for (let s = 0; s < count; s++) {
      const len = 8 + Math.floor(rng() * 8);
      const ws: string[] = [];
      for (let k = 0; k < len; k++) {
        const r = rng();
        if (r < 0.35) ws.push(story.topic[Math.floor(rng() * story.topic.length)]);
        else if (r < 0.45 && k > 0) ws.push(story.names[Math.floor(rng() * story.names.length)]);
        else if (r < 0.48) ws.push(story.numbers[Math.floor(rng() * story.numbers.length)]);
        else ws.push(zipf());
      }
      ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
      sentences.push(`${ws.join(" ")}.`);
    }
    options.gold?.push(story.no);
    const published = options.perDay
      ? new Date(START + Math.floor(n / options.perDay) * 86_400_000).toISOString().slice(0, 10)
      : null;
    yield plainArticle({ id: `a${n}`, text: sentences.join(" "), published });
  }
}
