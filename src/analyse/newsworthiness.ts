/**
 * Page furniture detector: sentences that address the reader, give contact details, ask for
 * cookie consent, credit the article or a photo, or caption a picture. They are never facts,
 * claims, lead or timeline material; the brief lists them in its diagnostics instead.
 */
import type { Sentence } from "../model.js";

/** Why a sentence is furniture (first rule that fires). */
export type FurnitureReason = "contact" | "reader-address" | "consent" | "credit" | "caption";

/** An e-mail address, a web address, or a phone number (9+ digits in groups). */
const CONTACT =
  /[\w.+-]+@[\w-]+\.[a-z]{2,}|\bhttps?:\/\/|\bwww\.[\w-]+\.|(?:\+\d{1,3}[ -]?)?\(?\b0?\d{2,5}\)?[ -]\d{3,4}[ -]?\d{3,4}\b/i;
/**
 * Sentence-opening verbs that, in the imperative, address the reader (calls to action). A news
 * sentence rarely opens with a bare verb, so the list is of verbs, not of whole phrases.
 */
const READER_VERBS = new Set([
  "contact",
  "email",
  "e-mail",
  "call",
  "click",
  "tap",
  "sign",
  "subscribe",
  "follow",
  "share",
  "download",
  "send",
  "tell",
  "get",
  "join",
  "register",
  "log",
  "read",
  "watch",
  "listen",
  "visit",
  "write",
  "support",
  "donate",
  "discover",
  "find",
  "see",
  "check",
  "comment",
  "like",
  "please",
  "got",
  "have",
  "do",
  "are",
  "want",
  "bitte",
  "diskutieren",
]);
/** Second-person words (outside quotes they address the reader). */
const SECOND_PERSON = /\b(?:you|your|yours|yourself|sie|ihr)\b/i;
/**
 * Cookie / consent / subscription vocabulary; furniture only together with a word addressed to
 * the reader (CONSENT_CUE), so a story about cookies or subscriptions keeps its sentences.
 */
const CONSENT =
  /\b(?:cookies?|consent|privacy (?:policy|settings|notice)|terms of (?:use|service)|newsletters?|subscri(?:be|ption)|advertisements?|ad blocker|javascript)\b/i;
const CONSENT_CUE = /\b(?:you|your|click\w*|accept|sign up|our (?:site|website))\b/i;
/** Credits for the article or a picture. */
const CREDIT =
  /^(?:photo|image|picture|credit|source|video|graphic|illustration|file photo)s?\s*:|\b(?:this (?:article|story|report) (?:was|is|has been) (?:supplied|provided|produced|written|published|updated|edited|amended)|^\(?(?:reporting|writing|editing|additional reporting) by\b|all rights reserved|^copyright\b|©|\bcredit:\s)/i;
/** A photo credit line under a picture: "Photo: Agency/Name", "Image: …". */
const PHOTO_CREDIT = /^(?:photo|image|picture|credit|illustration|file photo)s?\s*:/i;
/** A credit line is short; a longer paragraph after a picture is the story going on. */
const MAX_CREDIT_WORDS = 15;
/** A caption's closing dateline: "…, Brackwater, England, October 14, 2025." */
const CAPTION_DATE =
  /,\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{4})\.?\s*(?:\([^)]*\))?\s*$/;
/** A caption label in capitals: "FLAMES: The blaze lit up …". */
const CAPTION_LABEL = /^[A-Z]{3,}(?: [A-Z]{2,})?:\s/;
/** A picture described before a colon: "Map of X highlighting Y: …", "Photo showing …:". */
const PICTURE_LABEL =
  /^(?:an?\s+|the\s+)?(?:map|photo(?:graph)?|picture|image|graphic|chart|video|file photo)s?\s+(?:of|showing|shows|highlighting)\b[^:.]{0,100}:/i;
/** Caption sentences are short. */
const MAX_CAPTION_WORDS = 20;
/**
 * Marks of a finite verb that tells an event (auxiliaries, modals, past tenses: `-ed` words and
 * common irregular pasts). News sentences carry one; a caption describes the picture without
 * ("Firefighters at the scene on Tuesday.") or in the present ("Smoke drifts over the docks on
 * Tuesday morning."). Words that are also nouns or presents ("cut", "set") make the test more
 * cautious, which is the safe side.
 */
const FINITE_VERB = new RegExp(
  `\\b(?:${[
    "is|are|was|were|be|been|am|has|have|had|will|would|can|could|may|might|must|shall|should|do|does|did",
    "\\w+n['’]t|\\w+['’](?:s|re|ve|ll|d)",
    "said|says|told|tells|\\p{L}{2,}ed",
    "arose|awoke|became|began|bent|bet|bit|bled|blew|broke|brought|built|burnt|burst|bought|caught",
    "chose|came|cost|crept|cut|dealt|dug|drew|drank|drove|ate|fell|fed|felt|fought|found|fled|flew",
    "forgot|forgave|froze|got|gave|went|grew|hung|heard|hid|hit|held|hurt|kept|knelt|knew|laid|led",
    "leapt|left|lent|let|lit|lost|made|meant|met|paid|put|quit|rode|rang|rose|ran|saw|sought|sold",
    "sent|set|shook|shone|shot|shut|sang|sank|sat|slept|slid|spoke|spent|spun|spread|sprang|stood",
    "stole|stuck|struck|swore|swept|swam|swung|took|taught|tore|thought|threw|understood|woke|wore",
    "wept|won|wrote",
  ].join("|")})\\b`,
  "iu",
);
/**
 * A day-level time closing the sentence, maybe followed by a place ("… on Tuesday.", "…
 * Tuesday morning in Palmer.", "…, June 3."): where a caption says when the picture was taken.
 * A possessive ("Monday's attack") is no such time.
 */
const CAPTION_WHEN =
  /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day(?!'|’)(?:\s+(?:morning|afternoon|evening|night))?|(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\s+\d{4})?)(?:\s+(?:in|at|near|outside|on)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})?\s*\.?\s*$/iu;

/** Words that put the day ahead: a plan, not a picture ("prepares to mark … on Wednesday"). */
const PLAN =
  /\b(?:next|upcoming|prepar\w*|plans?|planning|expect\w*|schedul\w*|due|set to|ahead)\b/i;

/**
 * A caption with a verb but no credit line: a paragraph of one short sentence, no quote and
 * no question, with no finite verb telling an event, that closes on the day it shows.
 */
export function isBareCaption(text: string): boolean {
  const t = text.trim();
  if (t.split(/\s+/).length > MAX_CAPTION_WORDS) return false;
  if (/["“”?]/.test(t)) return false;
  if (FINITE_VERB.test(t) || PLAN.test(t)) return false;
  return CAPTION_WHEN.test(t);
}

/** Removes quoted passages, so a quoted "you" or "tell" is not read as addressing the reader. */
function unquoted(text: string): string {
  return text.replace(/[“"][^”"]*[”"]/g, " ");
}

/**
 * Classifies one sentence. `paragraphSentences` are the sentences of its paragraph and
 * `nextParagraph` the text of the paragraph after it (a credit line under a photo marks the
 * paragraph before it as a caption).
 */
export function furnitureReason(
  sentence: Sentence,
  paragraphSentences: number,
  nextParagraph: string | null,
): FurnitureReason | null {
  const text = sentence.text.trim();
  const bare = unquoted(text);
  if (CONTACT.test(bare)) return "contact";
  if (CONSENT.test(bare) && CONSENT_CUE.test(bare)) return "consent";
  if (CREDIT.test(bare)) return "credit";
  const first = /^[\p{L}-]+/u.exec(bare.trim())?.[0]?.toLowerCase() ?? "";
  // An imperative or a question to the reader: a reader verb first, and "you" or "us/our"
  // or a question mark (so "Call centres closed…" or "Read more…" without them are kept
  // apart from "Call us on…" only by the other rules).
  if (
    READER_VERBS.has(first) &&
    (SECOND_PERSON.test(bare) || /\b(?:us|our)\b/i.test(bare) || /[?!]\s*$/.test(text))
  ) {
    return "reader-address";
  }
  if (SECOND_PERSON.test(bare) && /[?!]\s*$/.test(text)) return "reader-address";
  if (CAPTION_LABEL.test(text) && paragraphSentences <= 2) return "caption";
  // A caption's dateline; a sentence telling an event in the past that happens to end on a full
  // date ("X checked in on Tuesday, December 9, 2008.") is no caption.
  if (paragraphSentences === 1 && CAPTION_DATE.test(text) && !FINITE_VERB.test(text)) {
    return "caption";
  }
  if (PICTURE_LABEL.test(text)) return "caption";
  if (paragraphSentences === 1 && isBareCaption(text)) return "caption";
  if (
    paragraphSentences === 1 &&
    nextParagraph !== null &&
    PHOTO_CREDIT.test(nextParagraph.trim()) &&
    nextParagraph.split(/\s+/).length <= MAX_CREDIT_WORDS
  ) {
    return "caption";
  }
  return null;
}

/** Furniture reasons of every sentence of one document, by sentence index. */
export function findFurniture(sentences: readonly Sentence[]): Map<number, FurnitureReason> {
  const byParagraph = new Map<number, Sentence[]>();
  for (const s of sentences) {
    let list = byParagraph.get(s.paragraph);
    if (!list) byParagraph.set(s.paragraph, (list = []));
    list.push(s);
  }
  const out = new Map<number, FurnitureReason>();
  for (const s of sentences) {
    if (s.heading) continue;
    const own = byParagraph.get(s.paragraph)!;
    const next = byParagraph.get(s.paragraph + 1);
    const nextText = next ? next.map((x) => x.text).join(" ") : null;
    const reason = furnitureReason(s, own.length, nextText);
    if (reason) out.set(s.index, reason);
  }
  return out;
}
