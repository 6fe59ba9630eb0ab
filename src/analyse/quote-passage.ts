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
import { type Mark, openerFor, type QuoteState, scanMarks } from "../text/quote-marks.js";
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

/** Quote marks of a text read from state `start`, apostrophes left out. */
function marks(text: string, start: QuoteState = []): Mark[] {
  return scanMarks(text, start).marks;
}

/** Quote state after reading `text` from state `start`. */
function run(text: string, start: QuoteState): QuoteState {
  return scanMarks(text, start).end;
}

/** Whether a state is inside a single quote (‘…’), whose marks may be apostrophes. */
function inSingle(state: QuoteState): boolean {
  const top = state[state.length - 1];
  return top === "’" || top === "'";
}

/**
 * Whether a mark closes a quote: a closing mark, or a straight double one before a space,
 * punctuation or the end, or after punctuation and before a lower-case word (", \"said Y" in
 * re-joined tokenised text).
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
function outsideQuotes(text: string, start: QuoteState): string {
  let depth = start.length;
  let out = "";
  let last = 0;
  for (const m of marks(text, start)) {
    if (depth === 0) out += text.slice(last, m.at);
    depth = m.depth;
    last = m.at + m.len;
  }
  if (depth === 0) out += text.slice(last);
  return out;
}

/** Whether a sentence attributes a quote: a speech verb, or a colon, outside the quote marks. */
function attributes(text: string, start: QuoteState): boolean {
  const outside = outsideQuotes(text, start);
  return SPEECH.test(outside) || /:\s*$/.test(outside);
}

/** The passage a sentence belongs to: first and last sentence index (equal when alone). */
export interface Passage {
  first: number;
  last: number;
  /** Per sentence index of the passage: the quotes open at its start. */
  starts: Map<number, QuoteState>;
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
  let starts = new Map<number, QuoteState>();
  let reopens = new Set<number>();
  const flush = () => {
    if (current.length > 1) {
      const p: Passage = {
        first: current[0].index,
        last: current[current.length - 1].index,
        starts,
        reopens,
      };
      for (const s of current) out.set(s.index, p);
    }
    current = [];
    starts = new Map();
    reopens = new Set();
  };
  let state: QuoteState = [];
  let prev: Sentence | null = null;
  let prevQuoted = false;
  const sentences = doc.sentences;
  for (const s of sentences) {
    if (s.heading) {
      flush();
      state = [];
      prev = null;
      continue;
    }
    let linked = false;
    let start: QuoteState = [];
    const list = marks(s.text);
    const firstMark = list[0] ?? null;
    // A single quote left open goes on only when it closes within a few sentences: its
    // opening mark may have been an apostrophe ('Tis).
    const single = inSingle(state);
    if (prev && state.length > 0 && (!single || closesWithin(sentences, s.index, state))) {
      if (prev.paragraph === s.paragraph) {
        linked = true;
        start = state;
      } else if (firstMark && firstMark.at === 0 && firstMark.role !== "close") {
        // A paragraph opening with a quote mark re-opens the running quote (the convention
        // for a quote of several paragraphs): the mark opens, the quote goes on.
        linked = true;
        reopens.add(s.index);
      } else if (single || closesAhead(sentences, s.index, state)) {
        // The running quote goes on (paragraphs without marks, as in text split one sentence
        // a line) and closes a little further ("…, ” said Y.").
        linked = true;
        start = state;
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
      outsideQuotes(s.text, []).replace(/[\s.,;!?…]/g, "") === ""
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
    starts.set(s.index, start);
    state = run(s.text, start);
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
function closesAhead(sentences: readonly Sentence[], from: number, state: QuoteState): boolean {
  for (let i = from; i < sentences.length && i < from + MAX_PASSAGE_SENTENCES; i++) {
    const s = sentences[i];
    if (s.heading) return false;
    // The first mark of the open quote's kind (a nested quote's marks are not its close).
    const m = marks(s.text, state).find((x) => x.single === inSingle(state));
    if (m) return looksClosing(s.text, m);
  }
  return false;
}

/**
 * Whether the quote open before sentence `from` closes within `MAX_PASSAGE_SENTENCES`
 * sentences, read through them (a single quote re-opened at a new paragraph goes on).
 */
function closesWithin(sentences: readonly Sentence[], from: number, state: QuoteState): boolean {
  let now = state;
  for (let i = from; i < sentences.length && i < from + MAX_PASSAGE_SENTENCES; i++) {
    const s = sentences[i];
    if (s.heading) return false;
    const { marks: list, end } = scanMarks(s.text, now);
    if (list.some((m) => m.depth < state.length)) return true;
    now = end;
  }
  return false;
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
    if (run(text, [first.closer]).length === 0) return openerFor(first.closer) + text;
  }
  const after = run(text, []);
  return after.length > 0 ? text + closers(after) : text;
}

/** The marks closing every quote open in a state, innermost first. */
function closers(state: QuoteState): string {
  return [...state].reverse().join("");
}

/** The marks opening the quotes of a state, outermost first. */
function openers(state: QuoteState): string {
  return state.map(openerFor).join("");
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
      const attribution = all.find((s) => attributes(s.text, p.starts.get(s.index) ?? []));
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
    let text = "";
    let state: QuoteState = [];
    let prev: Sentence | null = null;
    for (const s of kept) {
      let piece = s.text;
      let start = p.starts.get(s.index) ?? [];
      const gap = prev ? s.index !== prev.index + 1 : s !== all[0];
      if (!gap && p.reopens.has(s.index)) {
        // A mark re-opening the quote at a new paragraph: joined, it is one quote.
        const m = marks(piece)[0];
        if (m && m.at === 0 && m.role !== "close") piece = piece.slice(m.len);
        start = state;
      }
      if (gap) {
        if (state.length > 0 && start.length === 0) text += ` […]${closers(state)} `;
        else if (state.length === 0 && start.length > 0)
          text += `${prev ? " " : ""}${openers(start)}[…] `;
        else text += prev ? " […] " : "[…] ";
      } else if (prev) {
        text += " ";
      }
      text += piece;
      state = run(piece, start);
      prev = s;
    }
    if (prev && prev !== all[all.length - 1])
      text += state.length > 0 ? ` […]${closers(state)}` : " […]";
    else text += closers(state);
    // A closing mark spaced off its sentence (". \"" in re-joined tokenised text) is closed up.
    return statementText(text.replace(/([.!?,])\s+(''|["”»’'])$/, "$1$2"));
  }
}
