/**
 * Unicode clean-up of extracted text: NFC, invisible characters removed, odd spaces made plain,
 * curly quotes kept. Every body line and metadata value passes through here once.
 */

/** Zero-width characters, soft hyphens, BOMs and bidi marks: invisible, they only break matching. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** No-break and other typographic spaces become a plain space. */
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** C0/C1 control characters except tab and newline. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Normalises a text (several lines allowed): NFC, invisibles out, spaces plain, CRLF → LF. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACE, " ")
    .replace(/\t/g, " ")
    .replace(CONTROL, "")
    .normalize("NFC");
}

/** Normalises one line: as normalizeText, then runs of spaces collapsed and ends trimmed. */
export function normalizeLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, " ").trim();
}

/** A comparison key for a line: lower case, quotes and dashes straightened, punctuation dropped. */
export function lineKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
