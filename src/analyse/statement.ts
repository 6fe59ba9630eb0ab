/**
 * Sentence → statement wording: strips what is not part of the claim itself (a wire dateline).
 */

/**
 * A wire dateline opening a sentence ("BRACKWATER, England, Oct 14 (Meridian Press) - ",
 * "WASHINGTON (AP) — "): dropped from a fact's text and the lead, kept in the evidence.
 */
const DATELINE =
  /^\s*[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.'\- ]*){0,2}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s+(?=\p{Lu})/u;

/** A sentence as a statement: without a leading wire dateline. */
export function statementText(sentence: string): string {
  return sentence.replace(DATELINE, "");
}
