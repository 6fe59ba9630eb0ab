/** Reads the ECB+ dev split (docs.jsonl and gold.jsonl) for the clustering and copies benches. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

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
