/** Prints pairwise derivation scores for the seed files (exploration aid): node dist/bench/copies-seeds-probe.js */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { plainArticle } from "../src/cluster/plain-article.js";
import { classifyPair } from "../src/match/derivation.js";
import { fingerprint } from "../src/match/fingerprint.js";
import { findCopyFamilies } from "../src/match/copy-families.js";

const dir = process.argv[2] ?? join(process.cwd(), "..", "shared", "seeds");
const files = readdirSync(dir)
  .filter((f) => /^\d+_.*\.txt$/.test(f))
  .sort();
const articles = files.map((f) =>
  plainArticle({ id: f.slice(0, 3), text: readFileSync(join(dir, f), "utf8") }),
);
const prints = articles.map((a, i) => fingerprint(a, i));
for (let i = 0; i < prints.length; i++)
  for (let j = i + 1; j < prints.length; j++) {
    const v = classifyPair(prints[i], prints[j]);
    const s = v.scores;
    console.log(
      prints[i].id,
      prints[j].id,
      v.relation,
      JSON.stringify(
        Object.fromEntries(Object.entries(s).map(([k, x]) => [k, Math.round(x * 100) / 100])),
      ),
    );
  }
console.log(JSON.stringify(findCopyFamilies(articles)));
