/**
 * Named entities from capitalisation: runs of capitalised words, cleaned of titles, demonyms
 * and possessives, typed as person, place or organisation by small lists, head words and cues.
 */
import type { EntityKind } from "../model.js";
import {
  CITIES,
  COUNTRIES,
  DEMONYMS,
  HONORIFICS,
  ORG_HEADS,
  PERSON_CUES,
  PLACE_ACRONYMS,
  PLACE_HEADS,
  TITLES,
} from "./entity-lists.js";
import { stemmer } from "stemmer";
import { fold, STOP_WORDS } from "./tokens.js";

/** One entity found in a sentence; offsets are inside the sentence text. */
export interface EntitySpan {
  text: string;
  kind: EntityKind;
  start: number;
  end: number;
}

/**
 * What the rest of the article says about a capitalised word, to judge sentence-initial words:
 * `capitalised` holds folded words seen capitalised away from a sentence start.
 */
export interface CaseEvidence {
  capitalised: ReadonlySet<string>;
  lower: ReadonlySet<string>;
  /** Porter stems of the words seen in lower case ("provided" → "provid"). */
  lowerStems?: ReadonlySet<string>;
}

/** True when the article (or story) writes this word, or a form of it, in lower case. */
function seenLower(evidence: CaseEvidence | undefined, folded: string): boolean {
  if (!evidence) return false;
  return evidence.lower.has(folded) || (evidence.lowerStems?.has(stemmer(folded)) ?? false);
}

const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*(?:['’]s?)?/gu;

/** Lower-case words allowed inside a name ("Ministry of Defence", "Group of Seven"). */
const CONNECTORS = new Set(["of", "de", "du", "da", "von", "van", "der", "al", "bin", "for", "la"]);

/** Words that open sentences or headings but are never names on their own. */
const NEVER_NAMES = new Set(
  (
    "i the a an it he she they we you this that these those there here his her their its our my " +
    "but and or so yet if when while after before as at in on by for from to with without about " +
    "meanwhile however although though despite still also just even only both each every all " +
    "some many most several few no not one two three four five six seven eight nine ten " +
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow " +
    "january february march april may june july august september october november december " +
    "published updated read more see also share image photo credit credits click subscribe " +
    "home world news latest top exclusive video watch advertisement related comments " +
    "jan feb mar apr jun jul aug sep sept oct nov dec gmt bst edt est pst cet cest utc am pm"
  ).split(" "),
);

function isCapitalised(token: string): boolean {
  return /^\p{Lu}/u.test(token);
}

function stripPossessive(token: string): string {
  return token.replace(/['’]s?$/u, "");
}

function isDemonym(word: string): boolean {
  const f = fold(word);
  if (COUNTRIES.has(f) || CITIES.has(f)) return false;
  return DEMONYMS.has(f) || /(?:ian|ean|ese|ish|can|ani|iti)s?$/.test(f);
}

/** Folded words seen capitalised away from sentence starts, and seen in lower case, in `sentences`. */
export function caseEvidence(sentences: readonly string[]): CaseEvidence {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  const lowerStems = new Set<string>();
  for (const s of sentences) {
    let first = true;
    for (const m of s.matchAll(TOKEN)) {
      const t = stripPossessive(m[0]);
      const prev = s.slice(0, m.index).trimEnd();
      const afterBreak = first || /[.!?:"“‘(\-–—]$/.test(prev);
      if (isCapitalised(t)) {
        if (!afterBreak) capitalised.add(fold(t));
      } else {
        lower.add(fold(t));
        lowerStems.add(stemmer(fold(t)));
      }
      first = false;
    }
  }
  return { capitalised, lower, lowerStems };
}

interface Tok {
  text: string;
  start: number;
  end: number;
}

/** Finds the named entities of one sentence. */
export function findEntities(sentence: string, evidence?: CaseEvidence): EntitySpan[] {
  const toks: Tok[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    toks.push({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  const out: EntitySpan[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!isCapitalised(toks[i].text)) {
      i++;
      continue;
    }
    // Grow a run of capitalised tokens separated only by spaces, allowing inner connectors.
    let j = i + 1;
    while (j < toks.length) {
      const gap = sentence.slice(toks[j - 1].end, toks[j].start);
      if (!/^[ \u00a0]+$/.test(gap) && gap !== "-") break;
      if (/['’]s?$/u.test(toks[j - 1].text)) break;
      if (isCapitalised(toks[j].text)) {
        j++;
        continue;
      }
      // "and" joins a name only when the run it starts ends in an organisation word
      // ("Dockside and Chemical Workers Union", "Fire and Rescue Service").
      if (toks[j].text === "and" && j + 1 < toks.length && isCapitalised(toks[j + 1].text)) {
        let k = j + 1;
        while (
          k + 1 < toks.length &&
          isCapitalised(toks[k + 1].text) &&
          /^ +$/.test(sentence.slice(toks[k].end, toks[k + 1].start))
        )
          k++;
        if (ORG_HEADS.has(fold(toks[k].text))) {
          j = k + 1;
          continue;
        }
      }
      if (
        CONNECTORS.has(toks[j].text) &&
        j + 1 < toks.length &&
        isCapitalised(toks[j + 1].text) &&
        /^ +$/.test(sentence.slice(toks[j].end, toks[j + 1].start))
      ) {
        j += 2;
        continue;
      }
      break;
    }
    const run = toks.slice(i, j);
    const atStart = isSentenceStart(sentence, toks[i].start);
    const prevWord = i > 0 ? fold(toks[i - 1].text) : "";
    out.push(...classifyRun(run, sentence, atStart, prevWord, evidence));
    i = j;
  }
  return out;
}

function isSentenceStart(sentence: string, start: number): boolean {
  const before = sentence.slice(0, start).trim();
  return before === "" || /[.!?:"“‘(\-–—]$/.test(before);
}

function classifyRun(
  run: Tok[],
  sentence: string,
  atStart: boolean,
  prevWord: string,
  evidence?: CaseEvidence,
): EntitySpan[] {
  const out: EntitySpan[] = [];
  let toks = run.slice();
  // Drop a sentence-initial word that is a function word or has no evidence of being a name.
  while (toks.length > 0) {
    const f = fold(stripPossessive(toks[0].text));
    const known = COUNTRIES.has(f) || CITIES.has(f);
    const opensSentence = atStart && toks[0] === run[0];
    if (NEVER_NAMES.has(f) || STOP_WORDS.has(f)) {
      toks.shift();
      continue;
    }
    if (opensSentence && !known) {
      // Without evidence from the rest of the article, a sentence's first word is not a name.
      const named = evidence ? evidence.capitalised.has(f) && !evidence.lower.has(f) : false;
      if (!named && toks.length === 1) return out;
      if (!named && !isTitle(f)) {
        toks.shift();
        continue;
      }
    }
    break;
  }
  // Trailing words that the article also writes in lower case are not part of a name
  // ("Canada For a visit", "Paris He vetoed" in machine-translated text).
  while (toks.length > 1) {
    const f = fold(stripPossessive(toks[toks.length - 1].text));
    const rest = spanText(sentence, toks.slice(0, -1));
    if (NEVER_NAMES.has(f) || STOP_WORDS.has(f) || (seenLower(evidence, f) && isPlaceName(rest)))
      toks.pop();
    else break;
  }
  if (toks.length === 0) return out;
  // Titles: "French President Jane Roe", "US Defense Secretary John Doe".
  let lastTitle = -1;
  for (let k = 0; k < toks.length - 1; k++) if (isTitle(fold(toks[k].text))) lastTitle = k;
  let personCue = PERSON_CUES.has(prevWord) || HONORIFICS.has(prevWord);
  if (lastTitle >= 0) {
    const prefix = toks.slice(0, firstTitle(toks));
    const prefixText = prefix.length > 0 ? spanText(sentence, prefix) : "";
    if (prefix.length > 0 && isPlaceName(prefixText)) {
      out.push(span(sentence, prefix, "place"));
    } else if (prefix.length > 0 && !prefix.every((t) => isDemonym(t.text))) {
      const f = fold(stripPossessive(prefixText));
      if (ORG_HEADS.has(f.split(" ").pop() ?? "")) out.push(span(sentence, prefix, "organization"));
    }
    toks = toks.slice(lastTitle + 1);
    personCue = true;
  }
  // Honorifics glued to the name.
  while (toks.length > 1 && HONORIFICS.has(fold(toks[0].text))) {
    toks.shift();
    personCue = true;
  }
  if (toks.length === 0) return out;
  const text = stripPossessive(spanText(sentence, toks));
  const folded = fold(text);
  const words = folded.split(/\s+/);
  const head = words[words.length - 1];
  const nextWord = fold(
    (/^\s*([\p{L}]+)/u.exec(sentence.slice(toks[toks.length - 1].end)) ?? ["", ""])[1],
  );
  // Nationality adjectives ("North Korean leader", "Chinese") are not entities.
  if (isDemonym(words[words.length - 1]) && !ORG_HEADS.has(head)) return out;
  if (words.every((w) => NEVER_NAMES.has(w) || STOP_WORDS.has(w) || TITLES.has(w))) return out;
  let kind: EntityKind;
  const withoutDemonym = words.length > 1 && isDemonym(words[0]) ? words.slice(1).join(" ") : "";
  if (isPlaceName(text) || (withoutDemonym && isPlaceName(withoutDemonym))) kind = "place";
  else if (ORG_HEADS.has(head) || ORG_HEADS.has(words[0]) || isAcronym(text)) kind = "organization";
  else if (PLACE_HEADS.has(head)) kind = "place";
  else if (personCue) kind = "person";
  else if (
    words.length >= 2 &&
    words.length <= 4 &&
    !words.some((w) => CONNECTORS.has(w) || evidence?.lower.has(w))
  ) {
    // Two to four capitalised words that the article never writes in lower case.
    kind = "person";
  } else if (/^(?:in|from|near|across|into|outside|inside)$/.test(prevWord)) kind = "place";
  else if (/^(?:said|says|told|added|stated)$/.test(nextWord)) kind = "person";
  else kind = "other";
  // A lone capitalised word the article also writes in lower case is emphasis, not a name.
  if (kind === "other" && words.length === 1 && seenLower(evidence, words[0])) return out;
  out.push({
    text,
    kind,
    start: toks[0].start,
    end: toks[0].start + text.length,
  });
  return out;
}

function isTitle(f: string): boolean {
  return TITLES.has(f.replace(/['’]s$/, ""));
}

function firstTitle(toks: Tok[]): number {
  const k = toks.findIndex((t) => isTitle(fold(t.text)));
  return Math.max(k, 0);
}

function isPlaceName(text: string): boolean {
  const f = fold(stripPossessive(text));
  return COUNTRIES.has(f) || CITIES.has(f);
}

function isAcronym(text: string): boolean {
  return /^[\p{Lu}.]{2,6}$/u.test(text) && !PLACE_ACRONYMS.has(fold(text));
}

function spanText(sentence: string, toks: Tok[]): string {
  return sentence.slice(toks[0].start, toks[toks.length - 1].end);
}

function span(sentence: string, toks: Tok[], kind: EntityKind): EntitySpan {
  const text = stripPossessive(spanText(sentence, toks));
  return { text, kind, start: toks[0].start, end: toks[0].start + text.length };
}
