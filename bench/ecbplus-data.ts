/** Reads the ECB+ dev split (docs.jsonl and gold.jsonl) for the clustering and copies benches. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { plainArticle } from "../src/cluster/plain-article.js";
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
  article: Article;
  text: string;
  story: string;
  topic: number;
}

/** The ECB+ articles in file order with their gold story and topic (plain-text adapter). */
export function ecbClusterItems(dir: string): EcbItem[] {
  const { docs, gold } = loadEcbPlus(dir);
  return docs.map((d) => {
    const g = gold.get(d.id);
    if (!g) throw new Error(`no gold label for ${d.id}`);
    return {
      article: plainArticle({ id: d.id, text: d.text }),
      text: d.text,
      story: g.story,
      topic: g.topic,
    };
  });
}
