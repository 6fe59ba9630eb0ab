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
  isGenericHead,
  MEDIA_HEADS,
  ORG_HEADS,
  ORG_NOUNS,
  PERSON_CUES,
  PLACE_ACRONYMS,
  PLACE_HEADS,
  PLACE_NOUNS,
  TITLES,
  TRAILING_TITLES,
} from "./entity-lists.js";
import { stemmer } from "stemmer";
import { fold, STOP_WORDS } from "./tokens.js";

/** One entity found in a sentence; offsets are inside the sentence text. */
export interface EntitySpan {
  text: string;
  kind: EntityKind;
  start: number;
  end: number;
  /**
   * The kind comes from the name's context or make-up (a list, a head word, a title, a word
   * around it, quote marks), not only from its shape (two to four capitalised words): the
   * story's vote on a name's kind counts such mentions more.
   */
  cued?: boolean;
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
      // The run it starts may itself hold "and" or a connector ("Carrow and Brackwater Fire
      // and Rescue Service").
      if (toks[j].text === "and" && j + 1 < toks.length && isCapitalised(toks[j + 1].text)) {
        let k = j + 1;
        let lastCap = k;
        while (k + 1 < toks.length && /^ +$/.test(sentence.slice(toks[k].end, toks[k + 1].start))) {
          const next = toks[k + 1].text;
          if (isCapitalised(next)) lastCap = ++k;
          else if (
            (next === "and" || CONNECTORS.has(next)) &&
            k + 2 < toks.length &&
            isCapitalised(toks[k + 2].text)
          )
            k++;
          else break;
        }
        // "Lind and Ohio State Police": a run opening on a known place is a name of its own.
        const opener = fold(toks[j + 1].text);
        if (
          ORG_HEADS.has(fold(toks[lastCap].text)) &&
          !COUNTRIES.has(opener) &&
          !CITIES.has(opener)
        ) {
          j = lastCap + 1;
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
  shareCoordinatedPlaces(out, sentence);
  return out;
}

/**
 * Names joined by "and", "or" or a comma are of one kind: "in Quayside and Millbrook", "the
 * Quayside and Millbrook areas". Only a place kind is shared, and only with untyped names.
 */
function shareCoordinatedPlaces(spans: EntitySpan[], sentence: string): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k + 1 < spans.length; k++) {
      const a = spans[k];
      const b = spans[k + 1];
      if (!/^\s*(?:,|,?\s*and|,?\s*or|&)\s*$/.test(sentence.slice(a.end, b.start))) continue;
      if (a.kind === "place" && b.kind === "other") b.kind = "place";
      else if (b.kind === "place" && a.kind === "other") a.kind = "place";
    }
  }
}

function isSentenceStart(sentence: string, start: number): boolean {
  const before = sentence.slice(0, start).trim();
  return before === "" || /[.!?:"“‘(\-–—]$/.test(before);
}

/** Suffixes that make the capitalised word before them a place ("Dunmere-area", "London-based"). */
const PLACE_COMPOUND = /^(\p{Lu}[\p{L}.]*)-(?:based|area|born|bound|registered)$/u;

/** Words just before a name that say it is a place ("in Bandar Kelam"), stronger than its shape. */
const PLACE_PREPOSITIONS = /^(?:in|near|outside|inside|across|into|throughout)$/;

/** A phrase just before "the X" that names a news outlet ("told the Post", "according to the Clarion"). */
const OUTLET_CUE =
  /\b(?:told|according to|interview with|quoted by|reported by|wrote in|writing in|speaking to|spoke to|talking to)\s+the\s+$/i;

const SPEECH_VERB = /^(?:said|says|told|added|stated)$/;

function classifyRun(
  run: Tok[],
  sentence: string,
  atStart: boolean,
  prevWord: string,
  evidence?: CaseEvidence,
): EntitySpan[] {
  const out: EntitySpan[] = [];
  // "Dunmere-area Acme Bank": the compound names a place, the rest is a name of its own.
  const compound = run.findIndex((t) => PLACE_COMPOUND.test(t.text));
  if (compound >= 0) {
    const place = PLACE_COMPOUND.exec(run[compound].text)![1];
    const before = run.slice(0, compound);
    if (before.length > 0) out.push(...classifyRun(before, sentence, atStart, prevWord, evidence));
    const start = run[compound].start;
    out.push({ text: place, kind: "place", start, end: start + place.length });
    const after = run.slice(compound + 1);
    if (after.length > 0)
      out.push(...classifyRun(after, sentence, false, fold(run[compound].text), evidence));
    return out;
  }
  // Model numbers ("AK-47", "F-16", "AK 47") are not names.
  if (run.some((t) => /\p{L}-\d/u.test(t.text))) return out;
  const lastTok = run[run.length - 1];
  if (isAcronym(lastTok.text) && /^ \d/.test(sentence.slice(lastTok.end))) return out;
  let toks = run.slice();
  // A hyphen glued to a lower-case word ("Ohio-the") ends the name at the hyphen.
  const glued = /^(\p{Lu}[\p{L}.]*)-\p{Ll}+$/u.exec(lastTok.text);
  if (glued) {
    toks[toks.length - 1] = { ...lastTok, text: glued[1], end: lastTok.start + glued[1].length };
  }
  // "The Silver Lanterns", "the Eastport Reporter": a name after an article is not a person's.
  let article = prevWord === "the";
  // A title or honorific in or just before the run ("Mr Haldane") is the surest person cue.
  let titled = HONORIFICS.has(prevWord);
  // Drop a sentence-initial word that is a function word or has no evidence of being a name.
  while (toks.length > 0) {
    const f = fold(stripPossessive(toks[0].text));
    const known = COUNTRIES.has(f) || CITIES.has(f);
    const opensSentence = atStart && toks[0] === run[0];
    // "New York", "New Delhi": a stop word opening a known place stays.
    if ((NEVER_NAMES.has(f) || STOP_WORDS.has(f)) && !opensPlace(toks)) {
      if (f === "the") article = true;
      if (HONORIFICS.has(f)) titled = true;
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
  const hasConnector = toks.some((t) => CONNECTORS.has(t.text));
  // Trailing words that the article also writes in lower case are not part of a name
  // ("Canada For a visit", "Paris He vetoed" in machine-translated text), nor are trailing
  // titles ("Police Lt", "Los Angeles County Sheriff").
  while (toks.length > 1) {
    const last = toks[toks.length - 1];
    const f = fold(stripPossessive(last.text));
    const rest = spanText(sentence, toks.slice(0, -1));
    // "Group of Seven": a number word after a connector is part of the name.
    if (CONNECTORS.has(toks[toks.length - 2].text) && NEVER_NAMES.has(f)) break;
    // "BVR News": a head word ends an organisation's name even when it is page furniture alone.
    if (ORG_HEADS.has(f) && NEVER_NAMES.has(f)) break;
    if (
      NEVER_NAMES.has(f) ||
      STOP_WORDS.has(f) ||
      (seenLower(evidence, f) && isPlaceName(rest)) ||
      (!hasConnector && TRAILING_TITLES.has(f) && !isTitle(fold(toks[toks.length - 2].text)))
    )
      toks.pop();
    else break;
  }
  if (toks.length === 0) return out;
  // Titles: "French President Jane Roe", "US Defense Secretary John Doe", "Chief of Police
  // Jo Roe" — but not inside an institution's name ("Lindqvist State Guest House").
  const lastFolded = fold(stripPossessive(toks[toks.length - 1].text));
  const institution = ORG_HEADS.has(lastFolded) || PLACE_HEADS.has(lastFolded);
  let lastTitle = -1;
  if (!institution)
    for (let k = 0; k < toks.length - 1; k++) if (isTitle(fold(toks[k].text))) lastTitle = k;
  let personCue = PERSON_CUES.has(prevWord);
  if (lastTitle >= 0) {
    const prefix = toks.slice(0, firstTitle(toks));
    const prefixText = prefix.length > 0 ? spanText(sentence, prefix) : "";
    if (prefix.length > 0 && isPlaceName(prefixText)) {
      out.push(span(sentence, prefix, "place"));
    } else if (prefix.length > 0 && !prefix.every((t) => isDemonym(t.text))) {
      const f = fold(stripPossessive(prefixText));
      const pHead = f.split(" ").pop() ?? "";
      if (ORG_HEADS.has(pHead)) out.push(span(sentence, prefix, "organization"));
      else if (PLACE_HEADS.has(pHead)) out.push(span(sentence, prefix, "place"));
    }
    let cut = lastTitle + 1;
    // "Chief of Police Jo Roe": the title's "of" complement goes with it.
    while (cut + 2 < toks.length && CONNECTORS.has(toks[cut].text)) {
      cut += 2;
      while (cut < toks.length - 1 && isTitle(fold(toks[cut].text))) cut++;
    }
    // "the Governor of Alaska" names no one: only its complement is a name.
    if (CONNECTORS.has(toks[cut]?.text ?? "")) {
      out.push(...classifyRun(toks.slice(cut + 1), sentence, false, toks[cut].text, evidence));
      return out;
    }
    toks = toks.slice(cut);
    titled = true;
    article = false;
  }
  // Honorifics glued to the name.
  while (toks.length > 1 && HONORIFICS.has(fold(toks[0].text))) {
    toks.shift();
    titled = true;
  }
  if (titled) personCue = true;
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
  // Two places joined by a hyphen ("US-China talks") are two places.
  const parts = text.split("-");
  if (parts.length > 1 && parts.every((p) => isPlaceName(p))) {
    let at = toks[0].start;
    for (const p of parts) {
      out.push({ text: p, kind: "place", start: at, end: at + p.length });
      at += p.length + 1;
    }
    return out;
  }
  // Titles and generic head words alone ("District Attorney", "Police Department"; but
  // "Ministry of Defence" is a name, and so is a place named by its kind: "Harbour Café").
  const generic =
    words.length === 1
      ? isGenericHead(head) || TITLES.has(head)
      : !words.some((w) => CONNECTORS.has(w)) &&
        words.every((w) => TITLES.has(w) || isGenericHead(w)) &&
        words.some((w) => TITLES.has(w) || (ORG_HEADS.has(w) && !PLACE_HEADS.has(w)));
  if (generic) {
    // "told the Post", "The Clarion reported": a newspaper's short name.
    const outlet =
      words.length === 1 &&
      MEDIA_HEADS.has(head) &&
      (OUTLET_CUE.test(sentence.slice(0, toks[0].start)) ||
        (article && /^(?:said|says|reported|reports|wrote|writes|quoted|cited)$/.test(nextWord)));
    if (!outlet) return out;
    out.push({
      text,
      kind: "organization",
      start: toks[0].start,
      end: toks[0].start + text.length,
    });
    return out;
  }
  // A compass word alone is half of "North and South Korea", not a place.
  if (words.length === 1 && /^(?:north|south|east|west)$/.test(head) && !article) return out;
  const speech = SPEECH_VERB.test(nextWord);
  // A lone word the story also writes in lower case is a common noun ("in Warehouse 3",
  // "Press"), unless a title or a speech verb says it is someone.
  if (
    words.length === 1 &&
    !personCue &&
    !speech &&
    !isPlaceName(text) &&
    !isAcronym(text) &&
    (evidence?.lower.has(words[0]) ?? false)
  )
    return out;
  // Head words: the last word, and the word before a connector ("Department of Justice").
  const connectorAt = words.findIndex((w) => CONNECTORS.has(w));
  const heads = connectorAt > 0 ? [head, words[connectorAt - 1]] : [head];
  // A name opening on a place, a nationality or an acronym ("U.S. Marshals", "American Harvest",
  // "INS Orvik") is not a person's.
  const firstIsPlace =
    words.length > 1 &&
    (isDemonymWord(words[0]) ||
      COUNTRIES.has(words[0]) ||
      CITIES.has(words[0]) ||
      /^[\p{Lu}.]{2,}$/u.test(toks[0].text));
  let kind: EntityKind;
  let cued = true;
  const withoutDemonym = words.length > 1 && isDemonym(words[0]) ? words.slice(1).join(" ") : "";
  const possessive = /['’]s?$/u.test(run[run.length - 1].text);
  const work = titled ? null : workCue(run, sentence, prevWord, possessive ? "" : nextWord);
  if (isPlaceName(text) || (withoutDemonym && isPlaceName(withoutDemonym))) kind = "place";
  // "the film Silver Lanterns", "the Silver Lanterns sequel": a work. A name alone in quote
  // marks ("‘Silver Lanterns’") likely is one, but a nickname or a name in scare quotes may
  // be a person's: that vote counts as a shape's.
  else if (work) {
    kind = "other";
    cued = work === "noun";
  }
  // "the Marsh family": a family, people.
  else if (FAMILY_NOUNS.has(nextWord)) kind = "person";
  else if (article && COUNTRIES.has(`the ${folded}`)) kind = "place";
  else if (heads.some((h) => ORG_HEADS.has(h)) || ORG_HEADS.has(words[0]) || isAcronym(text))
    kind = "organization";
  // "Center for Coastal Studies": a name going on with "for" is an organisation's.
  else if (words[connectorAt] === "for") kind = "organization";
  else if (heads.some((h) => PLACE_HEADS.has(h))) kind = "place";
  else if (titled) kind = "person";
  // "the official Tarvek Sinmun newspaper", "the Millbrook area".
  else if (ORG_NOUNS.has(nextWord)) kind = "organization";
  else if (PLACE_NOUNS.has(nextWord)) kind = "place";
  else if (personCue) kind = "person";
  // "in Bandar Kelam" (not "in Haldane's office"), "the port town of Bandar Kelam", "Bandar
  // Kelam, Malaysia".
  else if (
    !possessive &&
    (PLACE_PREPOSITIONS.test(prevWord) ||
      PLACE_OF.test(sentence.slice(0, run[0].start)) ||
      placeAfterComma(sentence.slice(run[run.length - 1].end)))
  )
    kind = "place";
  // A known place and a plural ("Eastport Herons"), or "the" and a plural ("the Silver
  // Herons", weaker: "the Silver Lanterns" may be a book): a team, a band, people.
  else if (isPluralHead(toks[toks.length - 1].text) && (article || placePrefix(words))) {
    kind = "organization";
    cued = placePrefix(words);
  } else if (
    words.length >= 2 &&
    words.length <= 4 &&
    !article &&
    !firstIsPlace &&
    !words.some((w) => CONNECTORS.has(w) || evidence?.lower.has(w))
  ) {
    // Two to four capitalised words that the article never writes in lower case.
    kind = "person";
    cued = false;
  } else if (prevWord === "from") {
    kind = "place";
    cued = false;
  } else if (speech) kind = article ? "organization" : "person";
  else {
    kind = "other";
    // "the Silver Lanterns": not a person, whatever its shape says elsewhere.
    cued = article && words.length > 1;
  }
  // A lone capitalised word the article also writes in lower case is emphasis, not a name.
  if (kind === "other" && words.length === 1 && seenLower(evidence, words[0])) return out;
  out.push({
    text,
    kind,
    start: toks[0].start,
    end: toks[0].start + text.length,
    cued,
  });
  return out;
}

/** Nouns of works whose title may follow them ("the film X", "his book X", "the album X"). */
const WORK_NOUNS = new Set(
  (
    "film movie book novel album song documentary memoir sequel prequel sitcom musical opera " +
    "biopic franchise trilogy episode poem painting exhibition"
  ).split(" "),
);
/** Nouns that, right after a title, say it is a work ("the Silver Lanterns sequel"). */
const WORK_AFTER = new Set(
  "sequel sequels prequel franchise trilogy soundtrack remake premiere adaptation".split(" "),
);

/** Nouns after a name that make it a family's ("the Marsh family"). */
const FAMILY_NOUNS = new Set(["family", "families", "household", "clan"]);

/**
 * Whether a run of capitalised words is the title of a work: after a work noun or before one
 * ("noun"), or standing alone between quote marks ("quoted": "‘Silver Lanterns’",
 * "\"Silver Lanterns,\""); null when neither.
 */
function workCue(
  run: Tok[],
  sentence: string,
  prevWord: string,
  nextWord: string,
): "noun" | "quoted" | null {
  if (WORK_NOUNS.has(prevWord) || WORK_AFTER.has(nextWord)) return "noun";
  const before = sentence.slice(0, run[0].start);
  const last = run[run.length - 1];
  const after = sentence.slice(last.end);
  const opens = /(?:^|[\s(])(?:[‘'"“]|'')\s?$/.test(before);
  const closes = /['’]$/.test(last.text) || /^\s?[,.!?]?\s?[’'"”]/.test(after);
  return opens && closes ? "quoted" : null;
}

/** A word after which "of X" names a place ("the city of X", "the port town of X"). */
const PLACE_OF = new RegExp(
  `\\b(?:${[...PLACE_NOUNS].filter((w) => w !== "estate").join("|")}|capital|suburbs?|outskirts|streets|centre|center|heart|people|residents)\\s+of\\s+$`,
  "i",
);

/** "X, Iran." / "X, Ohio,": a name followed by a comma and a known place is a place. */
function placeAfterComma(after: string): boolean {
  const m = /^,\s+((?:\p{Lu}[\p{L}.]*\s?){1,3})(?=[,.;)]|$)/u.exec(after);
  return m !== null && isPlaceName(m[1].trim());
}

/**
 * A capitalised plural last word ("Herons", "Lanterns", "Rays"), not a possessive nor a word in
 * -as/-is/-os/-us/-ss (names: "Douglas", "Grigoropoulos", "Christmas").
 */
function isPluralHead(token: string): boolean {
  return /^\p{Lu}\p{Ll}+[^aious'’]s$/u.test(token);
}

/** Whether the first words of a name (not all of them) are a known place ("Eastport" excepted). */
function placePrefix(words: string[]): boolean {
  for (let k = 1; k < words.length; k++) if (isPlaceName(words.slice(0, k).join(" "))) return true;
  return false;
}

/** Whether the run opens with a known place name of two or more words ("New York …"). */
function opensPlace(toks: Tok[]): boolean {
  for (let k = 2; k <= Math.min(toks.length, 4); k++)
    if (
      isPlaceName(
        toks
          .slice(0, k)
          .map((t) => t.text)
          .join(" "),
      )
    )
      return true;
  return false;
}

/**
 * A nationality adjective as the first word of a name ("American Harvest", "Canadian Gardens"):
 * listed, or a known place plus an ending ("Iran-ian", "Korea-n"). Strict, so that given
 * names ending alike ("Brian", "Roman") stay names.
 */
function isDemonymWord(f: string): boolean {
  if (COUNTRIES.has(f) || CITIES.has(f)) return false;
  if (DEMONYMS.has(f)) return true;
  for (const ending of ["n", "an", "ian", "ean", "ese", "ish", "i"]) {
    if (!f.endsWith(ending)) continue;
    const stem = f.slice(0, -ending.length);
    if (COUNTRIES.has(stem) || CITIES.has(stem)) return true;
    if (stem.length >= 5 && [...COUNTRIES].some((c) => c.startsWith(stem))) return true;
  }
  return false;
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
  // "NATO", "U.N.", "G7", "G20".
  return /^(?:[\p{Lu}.]{2,6}|\p{Lu}{1,3}\d{1,2})$/u.test(text) && !PLACE_ACRONYMS.has(fold(text));
}

function spanText(sentence: string, toks: Tok[]): string {
  return sentence.slice(toks[0].start, toks[toks.length - 1].end);
}

function span(sentence: string, toks: Tok[], kind: EntityKind): EntitySpan {
  const text = stripPossessive(spanText(sentence, toks));
  return { text, kind, start: toks[0].start, end: toks[0].start + text.length };
}
