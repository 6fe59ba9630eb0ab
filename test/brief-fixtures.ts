/** Hand-made articles and families for the text, analyse and brief tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Article, Family } from "../src/model.js";

/** An article from paragraphs, with optional publication date. */
export function article(
  id: string,
  paragraphs: string[],
  published: string | null = null,
): Article {
  return {
    id,
    origin: { kind: "inline", name: id },
    title: null,
    byline: null,
    published,
    publishedPrecision: published ? "day" : null,
    outlet: null,
    url: null,
    language: "en",
    paragraphs,
    headings: [],
    removed: [],
    diagnostics: [],
    contentHash: id,
  };
}

/** A family of the given article ids (the first is the original). */
export function family(...ids: string[]): Family {
  return {
    id: ids[0],
    first: ids[0],
    members: ids.map((id, i) => ({ id, relation: i === 0 ? "original" : "copy", outlet: null })),
  };
}

/**
 * The seed scrapes as articles: lines are paragraphs (the scraper kept one line per block);
 * every seed gets the same publication date, given by the test.
 */
export function seedArticles(dir: string, published: string | null): Article[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), "utf8");
      const paragraphs = text
        .split(/\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "");
      return article(f.slice(0, 3), paragraphs, published);
    });
}
