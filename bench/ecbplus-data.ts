/** Reads the ECB+ dev split (docs.jsonl and gold.jsonl) for the clustering and copies benches. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ClustererOptions, clusterStories } from "../src/cluster/story-clusterer.js";
import { extractBatch } from "../src/extract/index.js";
import type { Article } from "../src/model.js";

export interface EcbDoc {
  id: string;
  text: string;
}

export interface EcbGold {
  id: string;
  story: string;
  topic: number;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** The folder named on the command line, or ../shared/datasets/ecbplus-dev. */
export function ecbPlusDir(arg: string | undefined): string {
  return arg ?? join(process.cwd(), "..", "shared", "datasets", "ecbplus-dev");
}

/** The articles in file order and their gold labels by id. */
export function loadEcbPlus(dir: string): { docs: EcbDoc[]; gold: Map<string, EcbGold> } {
  const docs = readJsonl<EcbDoc>(join(dir, "docs.jsonl"));
  const gold = new Map(readJsonl<EcbGold>(join(dir, "gold.jsonl")).map((g) => [g.id, g]));
  return { docs, gold };
}

/** An ECB+ article for the clustering benches: as an Article, its text, story and topic. */
export interface EcbItem {
  /**
   * The article as `crosscheck cluster docs.jsonl` reads it (the extractor: headline, date line,
   * body), or null when the extractor found no article in the text (the command reports the
   * input and leaves it out of every story).
   */
  article: Article | null;
  /** The raw text (the baseline reads this). */
  text: string;
  story: string;
  topic: number;
}

/**
 * The ECB+ articles in file order with their gold story and topic, extracted in one batch as the
 * cluster command does.
 */
export function ecbClusterItems(dir: string): EcbItem[] {
  const { docs, gold } = loadEcbPlus(dir);
  const { articles } = extractBatch(
    docs.map((d) => ({ id: d.id, origin: { kind: "inline" as const, name: d.id }, text: d.text })),
  );
  const byId = new Map(articles.map((a) => [a.origin.name, a]));
  return docs.map((d) => {
    const g = gold.get(d.id);
    if (!g) throw new Error(`no gold label for ${d.id}`);
    const a = byId.get(d.id);
    return { article: a ?? null, text: d.text, story: g.story, topic: g.topic };
  });
}

/** An item with the publication date the extractor found withheld. */
export function withoutDate(item: EcbItem): EcbItem {
  return item.article ? { ...item, article: { ...item.article, published: null } } : item;
}

/** The items of one fold of topics (odd or even) as parallel lists: articles, raw texts, gold. */
export function ecbFold(
  items: readonly EcbItem[],
  odd: boolean,
): { articles: (Article | null)[]; texts: string[]; gold: string[] } {
  const sel = items.filter((x) => x.topic % 2 === (odd ? 1 : 0));
  return {
    articles: sel.map((x) => x.article),
    texts: sel.map((x) => x.text),
    gold: sel.map((x) => x.story),
  };
}

/**
 * Story labels of a batch clustered in order, one per item: an item with no article (nothing
 * extracted) is scored as a story of its own, as the cluster command leaves it in none.
 */
export function clusterLabels(
  articles: readonly (Article | null)[],
  options: ClustererOptions,
): string[] {
  const kept = articles.filter((a): a is Article => a !== null);
  const storyOf = clusterStories(kept, options).storyOf;
  let k = 0;
  return articles.map((a, i) => (a === null ? `unextracted-${i}` : storyOf[k++]));
}
