/** Hand-made articles and families for the text, analyse and brief tests. */
import type { Article, Family, Sentence } from "../src/model.js";

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

/** A body sentence (not a heading) at the given index and paragraph, for furniture tests. */
export function sentence(index: number, paragraph: number, text: string): Sentence {
  return { index, paragraph, start: 0, end: text.length, text, heading: false };
}
