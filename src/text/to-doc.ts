/**
 * Turns an extracted Article into a Doc: its sentences (citation units), the named entities,
 * quantities and dates found in them, dates resolved against the publication date when known.
 */
import type {
  Article,
  DateMentionInDoc,
  Doc,
  Mention,
  QuantityMention,
  Sentence,
} from "../model.js";
import { extractDates, type ReferenceDate, referenceFrom } from "./dates.js";
import { type CaseEvidence, caseEvidence, findEntities } from "./entities.js";
import { extractQuantities } from "./numbers.js";
import { splitSentences } from "./sentences.js";

export interface ToDocOptions {
  /** Reference date for relative dates when the article has no publication date of its own. */
  reference?: ReferenceDate | null;
  /**
   * Capitalisation evidence from the whole story (see storyEvidence), so that a name that opens
   * a sentence in this article ("Okafor told reporters") is known from another article.
   */
  evidence?: CaseEvidence;
}

/** Capitalisation evidence of several articles together. */
export function storyEvidence(articles: readonly Article[]): CaseEvidence {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  const lowerStems = new Set<string>();
  for (const a of articles) {
    const texts: string[] = [];
    const headings = new Set(a.headings);
    a.paragraphs.forEach((p, i) => {
      if (headings.has(i) || looksLikeHeading(p)) return;
      for (const span of splitSentences(p)) texts.push(p.slice(span.start, span.end));
    });
    const e = caseEvidence(texts);
    for (const w of e.capitalised) capitalised.add(w);
    for (const w of e.lower) lower.add(w);
    for (const w of e.lowerStems ?? []) lowerStems.add(w);
  }
  return { capitalised, lower, lowerStems };
}

/** Splits, tags and dates an article. Pure: same article, same Doc. */
export function toDoc(article: Article, options: ToDocOptions = {}): Doc {
  const sentences: Sentence[] = [];
  const headings = new Set(article.headings);
  article.paragraphs.forEach((paragraph, p) => {
    if (headings.has(p) || looksLikeHeading(paragraph)) {
      const text = paragraph.trim();
      if (text) {
        const start = paragraph.indexOf(text);
        sentences.push({
          index: sentences.length,
          paragraph: p,
          start,
          end: start + text.length,
          text,
          heading: true,
        });
      }
      return;
    }
    for (const span of splitSentences(paragraph)) {
      const text = paragraph.slice(span.start, span.end);
      // A line of its own that reads as a heading, dateline or caption.
      const ownLine =
        (span.start === 0 || paragraph[span.start - 1] === "\n") &&
        (span.end === paragraph.length || paragraph[span.end] === "\n");
      sentences.push({
        index: sentences.length,
        paragraph: p,
        start: span.start,
        end: span.end,
        text,
        heading: ownLine && paragraph.includes("\n") && looksLikeHeading(text),
      });
    }
  });
  const evidence =
    options.evidence ?? caseEvidence(sentences.filter((s) => !s.heading).map((s) => s.text));
  const reference = referenceFrom(article.published) ?? options.reference ?? null;
  const mentions: Mention[] = [];
  const quantities: QuantityMention[] = [];
  const dates: DateMentionInDoc[] = [];
  // Entity, number and date rules are English; other languages keep only their sentences.
  const english = article.language === null || article.language === "en";
  for (const s of sentences) {
    if (!english) continue;
    for (const e of findEntities(s.text, evidence)) mentions.push({ ...e, sentence: s.index });
    if (s.heading) continue;
    for (const q of extractQuantities(s.text)) quantities.push({ ...q, sentence: s.index });
    for (const d of extractDates(s.text, reference)) dates.push({ ...d, sentence: s.index });
  }
  return { article, sentences, mentions, quantities, dates };
}

/** Lines longer than this (words) are running text even without final punctuation. */
const MAX_HEADING_WORDS = 14;

/**
 * A paragraph the extractor did not mark but that reads as a heading, dateline or caption:
 * short, and without sentence-final punctuation ("Mayor to Visit Flooded Towns", "Monday,
 * March 3, 2025", "Image Credits: …"). Such lines are not cited as facts.
 */
export function looksLikeHeading(paragraph: string): boolean {
  const text = paragraph.trim();
  if (text.includes("\n")) return false;
  // A straight single quote counts only after sentence punctuation ("…gone.'"): "Dockers'" may end a title.
  if (/(?:[.!?:;…"”’)]|[.!?…]')$/.test(text)) return false;
  return text.split(/\s+/).length <= MAX_HEADING_WORDS;
}
