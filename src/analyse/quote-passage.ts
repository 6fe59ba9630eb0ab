/**
 * Quote passages: a direct quote of several sentences is split into several citation units,
 * so a sentence inside it read alone is a fragment (`“We told X in writing that …` with no
 * close, or `They chose to do nothing,” said Y.` with no opening). The statement text of such
 * a sentence (in facts, single-source claims and the timeline) is the whole passage: the
 * sentences the quote runs through, with the attribution, quote marks balanced. Evidence keeps
 * citing the exact sentences; only the wording a reader sees is restored.
 */
import type { Doc, Sentence } from "../model.js";
import { words } from "../text/tokens.js";
import { statementText } from "./statement.js";

/** Verbs that attribute a quote ("said Y", "Y told"). */
export const SPEECH_VERB =
  "said|says|told|added|stressed|warned|noted|wrote|explained|insisted|declared|stated|announced|argued|claimed|asserted|tweeted|posted";
const SPEECH = new RegExp(`\\b(?:${SPEECH_VERB})\\b`, "i");

/**
 * A passage longer than this (words) is not shown whole: the sentence is shown with the
 * passage's attribution sentence, the cut marked "[…]" (a fact should stay readable).
 */
export const MAX_PASSAGE_WORDS = 70;
/** A quote left open runs on at most this many sentences (a stray mark must not swallow a story). */
export const MAX_PASSAGE_SENTENCES = 12;

/** A quote mark and whether it opens, closes or may do either (straight quotes). */
interface Mark {
  at: number;
  len: number;
  role: "open" | "close" | "either";
  /** The closing mark that matches this mark's style. */
  closer: string;
}

/** Double quote marks of a text (single quotes are left alone: they double as apostrophes). */
function marks(text: string): Mark[] {
  const out: Mark[] = [];
  const re = /''|``|[“”"«»„]/g;
  for (const m of text.matchAll(re)) {
    const ch = m[0];
    const at = m.index ?? 0;
    if (ch === "“" || ch === "„") out.push({ at, len: 1, role: "open", closer: "”" });
    else if (ch === "«") out.push({ at, len: 1, role: "open", closer: "»" });
    else if (ch === "``") out.push({ at, len: 2, role: "open", closer: "''" });
    else if (ch === "”") out.push({ at, len: 1, role: "close", closer: "”" });
    else if (ch === "»") out.push({ at, len: 1, role: "close", closer: "»" });
    else out.push({ at, len: ch.length, role: "either", closer: '"' });
  }
  return out;
}

/** Quote state after reading `text` from state `inside`: still inside a quote, and its style. */
function run(text: string, inside: boolean): { inside: boolean; closer: string } {
  let state = inside;
  let closer = '"';
  const list = marks(text);
  for (const m of list) {
    if (m.role === "open") state = true;
    else if (m.role === "close") state = false;
    else state = !state;
    if (state) closer = m.closer;
  }
  return { inside: state, closer };
}

/**
 * Whether a mark closes a quote: a closing mark, or a straight one before a space, punctuation
 * or the end, or after punctuation and before a lower-case word (", \"said Y" in re-joined
 * tokenised text).
 */
function looksClosing(text: string, m: Mark): boolean {
  if (m.role === "close") return true;
  if (m.role === "open") return false;
  const before = text.slice(0, m.at).trimEnd();
  const after = text.slice(m.at + m.len);
  if (/^(?:\s|[.,;:!?)…]|$)/.test(after)) return m.at > 0;
  return /[.,!?;:…]$/.test(before) && /^\p{Ll}/u.test(after);
}

/** Text outside quote marks (the attribution part of a sentence). */
function outsideQuotes(text: string, startsInside: boolean): string {
  let inside = startsInside;
  let out = "";
  let last = 0;
  for (const m of marks(text)) {
    if (!inside) out += text.slice(last, m.at);
    if (m.role === "open") inside = true;
    else if (m.role === "close") inside = false;
    else inside = !inside;
    last = m.at + m.len;
  }
  if (!inside) out += text.slice(last);
  return out;
}

/** Whether a sentence attributes a quote: a speech verb, or a colon, outside the quote marks. */
function attributes(text: string, startsInside: boolean): boolean {
  const outside = outsideQuotes(text, startsInside);
  return SPEECH.test(outside) || /:\s*$/.test(outside);
}

/** The passage a sentence belongs to: first and last sentence index (equal when alone). */
export interface Passage {
  first: number;
  last: number;
  /** Per sentence index of the passage: whether it starts inside the quote. */
  startsInside: Map<number, boolean>;
  /** Sentences that open a new paragraph with a mark re-opening the running quote. */
  reopens: Set<number>;
}

/**
 * Links the sentences of a document that one direct quote runs through. A quote open at the end
 * of a sentence goes on in the next one; at the end of a paragraph it goes on in the next
 * paragraph when that one opens with a quote mark (the convention for a quote of several
 * paragraphs) or closes it before opening another. A sentence that is only a quote, with no
 * attribution of its own, continues the quote of the sentence before it in the paragraph
 * ("“We lost everything,” she said. “Even the dog’s bed.”"). Headings end every passage.
 */
export function quotePassages(doc: Doc): Map<number, Passage> {
  const out = new Map<number, Passage>();
  const english = doc.article.language === null || doc.article.language === "en";
  if (!english) return out;
  let current: Sentence[] = [];
  let starts = new Map<number, boolean>();
  let reopens = new Set<number>();
  const flush = () => {
    if (current.length > 1) {
      const p: Passage = {
        first: current[0].index,
        last: current[current.length - 1].index,
        startsInside: starts,
        reopens,
      };
      for (const s of current) out.set(s.index, p);
    }
    current = [];
    starts = new Map();
    reopens = new Set();
  };
  let inside = false;
  let prev: Sentence | null = null;
  let prevQuoted = false;
  const sentences = doc.sentences;
  for (const s of sentences) {
    if (s.heading) {
      flush();
      inside = false;
      prev = null;
      continue;
    }
    let linked = false;
    let startsInside = false;
    const list = marks(s.text);
    const firstMark = list[0] ?? null;
    if (prev && inside) {
      if (prev.paragraph === s.paragraph) {
        linked = true;
        startsInside = true;
      } else if (firstMark && firstMark.at === 0 && firstMark.role !== "close") {
        // A paragraph opening with a quote mark re-opens the running quote (the convention
        // for a quote of several paragraphs): the mark opens, the quote goes on.
        linked = true;
        reopens.add(s.index);
      } else if (closesAhead(sentences, s.index)) {
        // The running quote goes on (paragraphs without marks, as in text split one sentence
        // a line) and closes a little further ("…, ” said Y.").
        linked = true;
        startsInside = true;
      }
    } else if (
      prev &&
      /:\s*$/.test(prev.text) &&
      firstMark?.at === 0 &&
      firstMark.role !== "close"
    ) {
      // "X said:" then the quote (in the same paragraph or the next).
      linked = true;
    } else if (
      prev &&
      prevQuoted &&
      prev.paragraph === s.paragraph &&
      firstMark?.at === 0 &&
      firstMark.role !== "close" &&
      outsideQuotes(s.text, false).replace(/[\s.,;!?…]/g, "") === ""
    ) {
      // Only a quote, no attribution of its own: it goes on with the quote before it.
      linked = true;
    }
    if (linked && current.length > 0 && current.length < MAX_PASSAGE_SENTENCES) {
      current.push(s);
    } else {
      flush();
      current = [s];
    }
    starts.set(s.index, startsInside);
    inside = run(s.text, startsInside).inside;
    prevQuoted = list.length > 0;
    prev = s;
  }
  flush();
  return out;
}

/**
 * Whether a quote left open before sentence `from` (which starts a new paragraph without a
 * quote mark of its own first) closes within a few sentences: the first mark met is a closing
 * one. Otherwise the open mark was stray, or its close was lost.
 */
function closesAhead(sentences: readonly Sentence[], from: number): boolean {
  for (let i = from; i < sentences.length && i < from + MAX_PASSAGE_SENTENCES; i++) {
    const s = sentences[i];
    if (s.heading) return false;
    const m = marks(s.text)[0];
    if (m) return looksClosing(s.text, m);
  }
  return false;
}

/** The opening mark that goes with a closing one. */
function openerFor(closer: string): string {
  return closer === "”" ? "“" : closer === "»" ? "«" : closer === "''" ? "``" : '"';
}

/**
 * Balances a sentence's quote marks when they do not pair up: an opening mark before a
 * sentence whose first mark closes a quote (it started in a sentence before), else a closing
 * one after a sentence that ends inside a quote.
 */
export function balanceQuotes(text: string): string {
  const list = marks(text);
  if (list.length === 0) return text;
  const first = list[0];
  if (looksClosing(text, first) && first.at > 0) {
    if (!run(text, true).inside) return openerFor(first.closer) + text;
  }
  const after = run(text, false);
  return after.inside ? text + after.closer : text;
}

/** Statement texts of sentences, with quote passages restored, for one story's documents. */
export class QuoteContext {
  private readonly passages: Map<number, Passage>[];
  constructor(private readonly docs: readonly Doc[]) {
    this.passages = docs.map((d) => quotePassages(d));
  }

  /**
   * The whole quoted passage a sentence lies in, as written (null when it lies in none): the
   * same for every sentence of the passage and for a copy of it in another source.
   */
  passage(doc: number, sentence: number): string | null {
    const p = this.passages[doc]?.get(sentence);
    if (!p) return null;
    const d = this.docs[doc];
    const texts: string[] = [];
    for (let i = p.first; i <= p.last; i++) texts.push(d.sentences[i].text);
    return statementText(texts.join(" "));
  }

  /** What a reader should see for sentence `sentence` of document `doc`. */
  statement(doc: number, sentence: number): string {
    const d = this.docs[doc];
    const byIndex = (i: number) => d.sentences[i];
    const own = byIndex(sentence);
    const p = this.passages[doc]?.get(sentence);
    if (!p) return statementText(balanceQuotes(own.text));
    const all: Sentence[] = [];
    for (let i = p.first; i <= p.last; i++) all.push(byIndex(i));
    const total = all.reduce((n, s) => n + words(s.text).length, 0);
    let kept = all;
    if (total > MAX_PASSAGE_WORDS) {
      // Too long to show whole: the sentence, the attribution, and as many neighbours of the
      // sentence as fit (next first: a quote's point tends to follow its opening).
      const attribution = all.find((s) => attributes(s.text, p.startsInside.get(s.index) ?? false));
      const keep = new Set<Sentence>([own]);
      if (attribution) keep.add(attribution);
      let used = [...keep].reduce((n, s) => n + words(s.text).length, 0);
      const at = all.indexOf(own);
      for (let k = 1; k < all.length; k++) {
        let added = false;
        for (const j of [at + k, at - k]) {
          const s = all[j];
          if (!s || keep.has(s)) continue;
          const w = words(s.text).length;
          if (used + w > MAX_PASSAGE_WORDS) continue;
          keep.add(s);
          used += w;
          added = true;
        }
        if (!added) break;
      }
      kept = all.filter((s) => keep.has(s));
    }
    // Join the kept sentences; "[…]" where sentences are left out, quote marks added where a
    // cut leaves the quote open or shut.
    const style = marks(all.map((s) => s.text).join(" ")).find((m) => m.role !== "open");
    const closer = style?.closer ?? "”";
    const opener = openerFor(closer);
    let text = "";
    let inside = false;
    let prev: Sentence | null = null;
    for (const s of kept) {
      let piece = s.text;
      let startsInside = p.startsInside.get(s.index) ?? false;
      const gap = prev ? s.index !== prev.index + 1 : s !== all[0];
      if (!gap && p.reopens.has(s.index)) {
        // A mark re-opening the quote at a new paragraph: joined, it is one quote.
        const m = marks(piece)[0];
        if (m && m.at === 0 && m.role !== "close") piece = piece.slice(m.len);
        startsInside = true;
      }
      if (gap) {
        if (inside && !startsInside) text += ` […]${closer} `;
        else if (!inside && startsInside) text += `${prev ? " " : ""}${opener}[…] `;
        else text += prev ? " […] " : "[…] ";
      } else if (prev) {
        text += " ";
      }
      text += piece;
      inside = run(piece, startsInside).inside;
      prev = s;
    }
    if (prev && prev !== all[all.length - 1]) text += inside ? ` […]${closer}` : " […]";
    else if (inside) text += closer;
    // A closing mark spaced off its sentence (". \"" in re-joined tokenised text) is closed up.
    return statementText(text.replace(/([.!?,])\s+(["”»]|'')$/, "$1$2"));
  }
}
