/**
 * Direct quotes and their speakers: quoted spans (straight or curly, possibly several
 * sentences long), attributed through "X said", "said X", "X told", "according to X" or a
 * pronoun pointing back to the last person named; the same quote in other sources is linked.
 */
import type { Quote } from "../model.js";
import { fold, terms } from "../text/tokens.js";
import { SPEECH_VERB } from "./quote-passage.js";
import type { StoryIndex } from "./story-index.js";

/** Quoted spans shorter than this (words) are scare quotes ("very eventful"), not quotes. */
export const MIN_QUOTE_WORDS = 4;
/** Two quotes are the same when their stem sets overlap (Dice) at least this much. */
export const SAME_QUOTE_DICE = 0.6;

const QUOTE_SPAN = /“([^”“]+)”|"([^"]+)"|«([^»]+)»/g;
/**
 * A British single-quoted quote, told from apostrophes by its ends: it opens at a paragraph
 * start or after a space, colon, bracket or dash on a capital letter, and closes right after
 * sentence punctuation ("‘We lost everything,’ said …", "… he said: ‘It is over.’"). A
 * possessive ("the workers’ union") never closes one: no punctuation before its mark.
 */
const SINGLE_QUOTE_SPAN = /(?<=^|[\s:(—–-])[‘'](\p{Lu}[^‘]*?[.,!?])[’'](?=\s|$)/gu;

interface QuoteSpan {
  index: number;
  full: string;
  inner: string;
}

/** Quoted spans of a paragraph in order: double marks, then single ones that overlap none. */
export function quoteSpans(paragraph: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const m of paragraph.matchAll(QUOTE_SPAN))
    spans.push({ index: m.index ?? 0, full: m[0], inner: m[1] ?? m[2] ?? m[3] });
  for (const m of paragraph.matchAll(SINGLE_QUOTE_SPAN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (spans.some((d) => d.index < end && start < d.index + d.full.length)) continue;
    spans.push({ index: start, full: m[0], inner: m[1] });
  }
  return spans.sort((a, b) => a.index - b.index);
}
/** A speech verb right after a name, maybe after a role ("a Kremlin spokesman said"). */
const AFTER_VERB = new RegExp(`^\\W*(?:[a-z]+\\s+){0,2}(?:${SPEECH_VERB})\\b`);
const BEFORE_VERB = new RegExp(`\\b(?:${SPEECH_VERB})\\W*$`, "i");
const PRONOUN_SAID = new RegExp(
  `\\b(he|she)\\s+(?:${SPEECH_VERB})\\b|\\b(?:${SPEECH_VERB})\\s+(he|she)\\b`,
  "i",
);

interface Found {
  quote: Quote;
  stems: Set<string>;
}

/** Finds every quote of every source, speakers resolved to actor names where possible. */
export function findQuotes(index: StoryIndex): Quote[] {
  const found: Found[] = [];
  index.docs.forEach((doc) => {
    let lastPerson: string | null = null;
    // The previous quoted span of the current paragraph: a span that follows it with only an
    // attribution between ("“We lost everything,” said Joe Park. “Even the dog’s bed.”") is
    // the same quote going on.
    let prev: PrevSpan | null = null;
    for (const s of doc.sentences) {
      if (s.heading) continue;
      const mentions = doc.mentions.filter((m) => m.sentence === s.index);
      const paragraph = doc.article.paragraphs[s.paragraph];
      if (prev && prev.paragraph !== s.paragraph) prev = null;
      for (const m of quoteSpans(paragraph)) {
        const qStart = m.index;
        // Attribute each quote once: in the sentence where it starts.
        if (qStart < s.start || qStart >= s.end) continue;
        const inner = m.inner.trim();
        const qEnd = qStart + m.full.length;
        if (prev && prev.end <= qStart && isAttributionOnly(paragraph.slice(prev.end, qStart))) {
          const text: string = `${prev.text} ${inner}`;
          const speaker: string | null =
            prev.speaker ??
            findSpeaker(index, doc.mentions, s.index, paragraph, s, qStart, qEnd, lastPerson);
          if (prev.found) {
            prev.found.quote.text = text;
            prev.found.quote.speaker = speaker;
            prev.found.stems = new Set(terms(text));
          } else if (text.split(/\s+/).length >= MIN_QUOTE_WORDS) {
            const f: Found = {
              quote: { speaker, text, source: doc.article.id, sentence: prev.sentence },
              stems: new Set(terms(text)),
            };
            found.push(f);
            prev.found = f;
          }
          const last: PrevSpan = prev;
          prev = {
            paragraph: last.paragraph,
            end: qEnd,
            text,
            speaker,
            found: last.found,
            sentence: last.sentence,
          };
          continue;
        }
        const speaker = findSpeaker(
          index,
          doc.mentions,
          s.index,
          paragraph,
          s,
          qStart,
          qEnd,
          lastPerson,
        );
        let f: Found | null = null;
        if (inner.split(/\s+/).length >= MIN_QUOTE_WORDS) {
          f = {
            quote: { speaker, text: inner, source: doc.article.id, sentence: s.index },
            stems: new Set(terms(inner)),
          };
          found.push(f);
        }
        prev = {
          paragraph: s.paragraph,
          end: qEnd,
          text: inner,
          speaker,
          found: f,
          sentence: s.index,
        };
      }
      for (const m of mentions) {
        const name = index.actors.resolve(m.text);
        if (name && index.actors.kindOf(name) === "person") lastPerson = name;
      }
    }
  });
  // Link the same quote across sources; keep the first-listed copy.
  const out: Quote[] = [];
  const kept: Found[] = [];
  for (const f of found) {
    const same = kept.find(
      (k) => k.quote.source !== f.quote.source && dice(k.stems, f.stems) >= SAME_QUOTE_DICE,
    );
    if (same) {
      const also = new Set(same.quote.alsoIn ?? []);
      if (f.quote.source !== same.quote.source) also.add(f.quote.source);
      same.quote.alsoIn = [...also].sort();
      if (!same.quote.speaker && f.quote.speaker) same.quote.speaker = f.quote.speaker;
      continue;
    }
    kept.push(f);
    out.push(f.quote);
  }
  for (const q of out) {
    q.alsoIn ??= [];
    // The comma that handed over to the attribution ("…their life," she said) is the
    // sentence's punctuation, not the speaker's words.
    q.text = q.text.replace(/\s*[,;:]$/, "");
  }
  return out;
}

/** The previous quoted span of a paragraph, for quotes split by their attribution. */
interface PrevSpan {
  paragraph: number;
  end: number;
  text: string;
  speaker: string | null;
  found: Found | null;
  sentence: number;
}

/** Most words between two quoted spans for the second to continue the first. */
const MAX_ATTRIBUTION_WORDS = 10;

/**
 * Whether the text between two quoted spans is only an attribution ("," said Joe Marsh. ",
 * "," he added. "), so the second span continues the first quote. Bare punctuation is not
 * enough: "woken by “a roar …”. “By the time …,” she said" are two quotes.
 */
function isAttributionOnly(between: string): boolean {
  const wordsBetween = between.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (wordsBetween.length === 0 || wordsBetween.length > MAX_ATTRIBUTION_WORDS) return false;
  return new RegExp(`\\b(?:${SPEECH_VERB})\\b`, "i").test(between);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function findSpeaker(
  index: StoryIndex,
  mentions: { text: string; sentence: number; start: number; end: number }[],
  sentence: number,
  paragraph: string,
  s: { start: number; end: number; text: string },
  qStart: number,
  qEnd: number,
  lastPerson: string | null,
): string | null {
  // Mentions of this sentence outside the quote, with paragraph offsets.
  const outside = mentions
    .filter((m) => m.sentence === sentence)
    .map((m) => ({ text: m.text, start: s.start + m.start, end: s.start + m.end }))
    .filter((m) => m.end <= qStart || m.start >= qEnd);
  const named = (text: string) => {
    const name = index.actors.resolve(text);
    const kind = name ? index.actors.kindOf(name) : null;
    return name && (kind === "person" || kind === "organization") ? name : null;
  };
  // 1. A name right next to a speech verb ("Haldane said", "said Haldane", "X told").
  for (const m of outside) {
    const after = paragraph.slice(m.end, m.end + 32);
    const before = paragraph.slice(Math.max(0, m.start - 20), m.start);
    if (AFTER_VERB.test(after) || BEFORE_VERB.test(before)) {
      const n = named(m.text);
      if (n) return n;
    }
  }
  // 2. "according to X".
  for (const m of outside) {
    if (/according to\s+(?:the\s+)?$/i.test(paragraph.slice(Math.max(0, m.start - 20), m.start))) {
      const n = named(m.text);
      if (n) return n;
    }
  }
  // 3. A person named before the quote in this sentence ("Renée Castell … said she had been
  // woken by “…”").
  for (const m of outside) {
    if (m.end > qStart) continue;
    const n = named(m.text);
    if (n && index.actors.kindOf(n) === "person") return n;
  }
  // 4. "he said": the last person named before.
  const rest = fold(
    paragraph.slice(qEnd, Math.min(s.end, qEnd + 40)) + " " + paragraph.slice(s.start, qStart),
  );
  if (PRONOUN_SAID.test(rest) && lastPerson) return lastPerson;
  // 5. Any person named outside the quote in this sentence.
  for (const m of outside) {
    const n = named(m.text);
    if (n && index.actors.kindOf(n) === "person") return n;
  }
  return null;
}
