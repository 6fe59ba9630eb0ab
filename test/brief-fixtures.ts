/** Hand-made articles and families for the text, analyse and brief tests. */
import { QuoteContext } from "../src/analyse/quote-passage.js";
import type { Article, Doc, Family, Sentence } from "../src/model.js";
import { toDoc } from "../src/text/to-doc.js";

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

/** The doc of a one-article story dated 2025-03-04, from paragraphs. */
export function oneDoc(paragraphs: string[]): Doc {
  return toDoc(article("a", paragraphs, "2025-03-04"));
}

/** What a reader sees for every sentence of a one-article story (quote passages restored). */
export function statements(paragraphs: string[]): string[] {
  const d = oneDoc(paragraphs);
  const q = new QuoteContext([d]);
  return d.sentences.map((s) => q.statement(0, s.index));
}
