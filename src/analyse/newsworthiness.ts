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
  if (paragraphSentences === 1 && CAPTION_DATE.test(text)) return "caption";
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
