/**
 * The outlet of a plain-text scrape, which has no metadata: a masthead line at the top (the
 * site name) confirmed by a copyright line, a "told the <Outlet>" mention or the dateline, else
 * the copyright holder itself, else the agency in the dateline ("BRACKWATER, Oct 14 (Agency) -").
 */
import { isUiPhrase } from "./line-classifier.js";

/** Lines at the top of a scrape searched for the masthead (site name, menus, sign-in). */
const MASTHEAD_LOOKAHEAD = 15;
/** Most words in a site name ("The Carrow Valley Gazette"). */
const OUTLET_MAX_WORDS = 5;
/** Lines at the end searched for the copyright line. */
const COPYRIGHT_LOOKBACK = 30;
/** Longest copyright holder kept ("Harbourline News Ltd" cut to "Harbourline News"). */
const HOLDER_MAX_CHARS = 60;

/** Small words allowed in lower case inside a name ("Voice of the People", "Le Monde de la …"). */
const NAME_SMALL_WORDS = new Set(
  "of the and & de del der die das la le les el di du van von da do dos des".split(" "),
);
/** Company-form suffixes cut from a copyright holder. */
const COMPANY_SUFFIX =
  /[,\s]+(ltd|limited|llc|inc|plc|gmbh|ag|sa|s\.a|sas|sarl|srl|s\.r\.l|spa|s\.p\.a|bv|nv|co|corp|corporation|pty|lp)\.?$/i;

/** Copyright holders that are picture agencies or picture credits, not the publishing site. */
const PICTURE_HOLDER =
  /\b(getty|reuters|afp|ap photo|epa|shutterstock|istock|alamy|dpa|images?|photos?|pictures?|photography|fotos?|bild)\b/i;

/** A line shaped like a site name: 1–5 capitalised words, no digits, no sentence. */
function isNameLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 60 || /[\d|:;,.!?@/]$|[|:;!?@]|\d/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > OUTLET_MAX_WORDS) return false;
  if (!words.every((w) => /^[\p{Lu}]/u.test(w) || NAME_SMALL_WORDS.has(w.toLowerCase())))
    return false;
  return /^\p{Lu}/u.test(t) && !isUiPhrase(t);
}

/** The holder named on a copyright line: "© 2025 Carrow Valley Gazette. All rights reserved." */
export function copyrightHolder(line: string): string | null {
  const m = line
    .trim()
    .match(
      /^(?:©|\(c\)|copyright\b)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(.+)$/iu,
    );
  if (!m) return null;
  let holder = m[1]
    .split(/\.\s|\.$|\s[|–—-]\s|,?\s+all rights reserved|,?\s+alle rechte|,?\s+tous droits/i)[0]
    .replace(/\s+\d{4}(?:\s*[-–]\s*\d{4})?$/, "")
    .trim();
  for (let k = 0; k < 2; k++) holder = holder.replace(COMPANY_SUFFIX, "").trim();
  if (holder.length < 2 || holder.length > HOLDER_MAX_CHARS || !/^\p{Lu}/u.test(holder))
    return null;
  // "© Getty Images" under a photo credits the picture, not the site.
  if (PICTURE_HOLDER.test(holder)) return null;
  return holder;
}

/**
 * Words common to many outlet names: sharing only these ("News" in a menu and "Harbourline
 * News" in the copyright) does not confirm a masthead.
 */
const GENERIC_NAME_WORDS = new Set(
  (
    "the news daily weekly sunday times post press today media online world local national " +
    "international herald tribune journal gazette chronicle radio group network wire express " +
    "nachrichten zeitung noticias notizie nouvelles nieuws home"
  ).split(" "),
);

/** Lower-cased distinctive words of 3+ letters. */
const nameWords = (s: string) =>
  (s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !GENERIC_NAME_WORDS.has(w));

/**
 * The outlet named by a plain-text scrape, or null. `titleIndex` is the title line's index (the
 * masthead is searched above it), or -1.
 */
export function outletFromText(lines: readonly string[], titleIndex: number): string | null {
  const topEnd = Math.min(
    titleIndex >= 0 ? titleIndex : MASTHEAD_LOOKAHEAD,
    MASTHEAD_LOOKAHEAD,
    lines.length,
  );
  const mastheads: string[] = [];
  for (let i = 0; i < topEnd; i++) {
    if (isNameLike(lines[i])) mastheads.push(lines[i].trim());
  }
  let holder: string | null = null;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - COPYRIGHT_LOOKBACK); i--) {
    holder = copyrightHolder(lines[i]);
    if (holder) break;
  }
  // Names the text itself gives: "told the Clarion", "(Meridian Press) -" datelines.
  const mentions: string[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(/\btold (?:the )?((?:\p{Lu}[\p{L}'’-]+\s?){1,4})/gu)) {
      mentions.push(m[1].trim());
    }
  }
  const dateline = lines
    .map((l) => l.match(/^[\p{Lu}][\p{Lu}\s,.'’-]{2,60}[^()]{0,40}\(([^()]{2,40})\)\s*[-–—]\s/u))
    .find((m) => m !== null);
  const agency = dateline ? dateline[1].trim() : null;
  const confirmers = [holder, agency, ...mentions].filter((x): x is string => x !== null);
  for (const name of mastheads) {
    const words = nameWords(name);
    if (words.length === 0) continue;
    for (const c of confirmers) {
      const cw = new Set(nameWords(c));
      if (words.some((w) => cw.has(w))) return name;
    }
  }
  if (holder) return holder;
  return agency && isNameLike(agency) ? agency : null;
}
