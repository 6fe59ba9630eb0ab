/**
 * Quote marks of a text, read with the quotes already open before it: double marks (curly,
 * straight, «», ``/'') and single ones (‘’ and the straight '), which double as apostrophes.
 * A single mark is told from an apostrophe by typography: where it stands against letters,
 * spaces and punctuation, and whether a quote is open for it to close or a close follows for
 * it to open.
 */

/** Closers of the quotes open at a point of the text, innermost last. */
export type QuoteState = readonly string[];

/** A quote mark and what it does. */
export interface Mark {
  at: number;
  len: number;
  /** "either": a straight double quote, opening or closing by the state. */
  role: "open" | "close" | "either";
  /** The closing mark that matches this mark's style. */
  closer: string;
  /** A single mark (‘ ’ '). */
  single: boolean;
  /** How many quotes are open just after the mark. */
  depth: number;
}

/** The shape of a single mark, read from its neighbours alone. */
export type SingleShape = "apostrophe" | "open" | "open-weak" | "close" | "close-weak";

const WORD = /[\p{L}\p{N}]/u;
/** Characters after which a mark stands where a quote opens. */
const OPENING_SIDE = /[\s([{—–\-"“«/:]/u;
/** Characters before which a mark stands where a quote closes. */
const CLOSING_SIDE = /[\s.,;:!?)\]}—–\-"”»…]/u;
const SENTENCE_PUNCT = /[.,;:!?…]/u;
/** Clitics written after an apostrophe, spaced off in tokenised text ("there ’ s", "don ' t"). */
const CLITIC = /^\s?(?:s|t|ll|re|ve|d|m)\b/i;
/** An elided decade or year ("the '90s", "summer of ’69"). */
const DECADE = /^\d\d(?:s)?\b/;
/** Lower-case words that may follow a quote closed without punctuation ("‘…’ he said"). */
const ATTRIBUTION_WORDS =
  /^\s+(?:he|she|they|we|i|it|said|says|told|added|according|wrote|explained|insisted|warned|asked|replied)\b/;

function isSingle(ch: string): boolean {
  return ch === "‘" || ch === "’" || ch === "'";
}

/**
 * The shape of the single mark at `at`: an apostrophe between letters (don't, O'Brien), before
 * a clitic or a decade ('90s); opening after a space, bracket, dash or colon on a capital or a
 * digit, weakly on a lower-case letter (an elision, 'em, unless a close follows); closing after
 * sentence punctuation before a space, punctuation or the end, weakly after a letter (a plural
 * possessive, the Smiths', unless a quote is open and nothing else closes it).
 */
export function singleShape(text: string, at: number): SingleShape {
  const ch = text[at];
  const prev = at > 0 ? text[at - 1] : "";
  const next = at + 1 < text.length ? text[at + 1] : "";
  const rest = text.slice(at + 1);
  if (WORD.test(prev) && WORD.test(next)) return "apostrophe";
  const prevSolid = text.slice(0, at).trimEnd().slice(-1);
  if (WORD.test(prevSolid) && CLITIC.test(rest) && (next === " " || WORD.test(next))) {
    // "there ’ s", "don ' t": a spaced clitic; but "‘S" opening a quote is a capital.
    if (next === " " || !/^\p{Lu}/u.test(next)) return "apostrophe";
  }
  if (prev === "" || OPENING_SIDE.test(prev)) {
    if (next === "" || (/\s/.test(prev) && CLOSING_SIDE.test(next))) {
      // A mark standing alone ("you. ' \"" in tokenised text): closing after punctuation,
      // else weakly (a spaced possessive "Pictures ' X" or a spaced close "Moon ' in").
      if (prev === "") return "apostrophe";
      if (SENTENCE_PUNCT.test(prevSolid)) return "close";
      return WORD.test(prevSolid) ? "close-weak" : "apostrophe";
    }
    if (ch === "’" && !/^\p{Lu}/u.test(next)) return "apostrophe";
    if (/\p{Lu}/u.test(next)) return "open";
    if (/\d/.test(next)) return DECADE.test(rest) ? "apostrophe" : "open-weak";
    if (/\p{Ll}/u.test(next)) return "open-weak";
    return "apostrophe";
  }
  if (next === "" || CLOSING_SIDE.test(next)) {
    if (SENTENCE_PUNCT.test(prev) || prev === "”" || prev === '"' || prev === "»") return "close";
    if (WORD.test(prev)) return "close-weak";
    return "apostrophe";
  }
  // Re-joined tokenised text: ",'said Y".
  if (SENTENCE_PUNCT.test(prev) && /\p{Ll}/u.test(next)) return "close";
  return "apostrophe";
}

/**
 * Whether a weak close (after a letter) stands where a quote ends: not before a lower-case word
 * other than an attribution ("the bosses' cars" is a possessive, "‘…rebuild’ he said" a close),
 * unless the quote is a phrase opened after a word in this text and nothing firmer closes it
 * ("a law 'On Ports' was passed").
 */
function weakCloseEnds(text: string, at: number, openedHere: boolean): boolean {
  const after = text.slice(at + 1);
  if (!/^\s+\p{Ll}/u.test(after)) return true;
  return ATTRIBUTION_WORDS.test(after) || (openedHere && !closeFollows(text, at, true));
}

/**
 * Whether a closing single mark follows `at` in `text` before any opening one; `firm`: one
 * that ends a quote wherever it opened (not a weak close before a lower-case word).
 */
function closeFollows(text: string, at: number, firm: boolean): boolean {
  for (let k = at + 1; k < text.length; k++) {
    if (!isSingle(text[k])) continue;
    const shape = singleShape(text, k);
    if (shape === "open") return false;
    if (shape === "close") return true;
    if (shape === "close-weak" && (!firm || weakCloseEnds(text, k, false))) return true;
  }
  return false;
}

function isSingleCloser(c: string | undefined): boolean {
  return c === "’" || c === "'";
}

/** The opening mark that goes with a closing one. */
export function openerFor(closer: string): string {
  switch (closer) {
    case "”":
      return "“";
    case "»":
      return "«";
    case "''":
      return "``";
    case "’":
      return "‘";
    default:
      return closer;
  }
}

/**
 * The quote marks of `text` read from `start` (the quotes open before it), apostrophes left
 * out, and the quotes open at its end. A double mark never closes a single quote nor the other
 * way round; a close with nothing open is kept (its quote opened before the text).
 */
export function scanMarks(
  text: string,
  start: QuoteState = [],
): { marks: Mark[]; end: QuoteState } {
  const stack = [...start];
  const out: Mark[] = [];
  const re = /''|``|[“”"«»„‘’']/g;
  // Depth of the single quote opened in this text after a word, if open: a phrase or title,
  // which a weak close before a lower-case word may end when nothing firmer does.
  let midClause = -1;
  // A double closing mark closes the innermost double quote, whatever its style (and a single
  // quote left open inside it).
  const closeDouble = () => {
    let k = stack.length - 1;
    while (k >= 0 && isSingleCloser(stack[k])) k--;
    if (k >= 0) stack.length = k;
  };
  for (const m of text.matchAll(re)) {
    const ch = m[0];
    const at = m.index ?? 0;
    const top = stack[stack.length - 1];
    if (isSingle(ch)) {
      const shape = singleShape(text, at);
      const inSingle = isSingleCloser(top);
      const closer = ch === "'" ? "'" : "’";
      if (
        shape === "open" ||
        (shape === "open-weak" && !inSingle && closeFollows(text, at, false))
      ) {
        // An opening mark inside a single quote re-opens it (a new paragraph of the quote).
        if (!inSingle) {
          stack.push(closer);
          // A quote opened after a word ("a law 'On Ports'") is a title or a phrase.
          if (WORD.test(text.slice(0, at).trimEnd().slice(-1))) midClause = stack.length;
        } else if (shape === "open-weak") continue;
        out.push({ at, len: 1, role: "open", closer, single: true, depth: stack.length });
      } else if (shape === "close" || shape === "close-weak") {
        if (inSingle) {
          if (
            shape === "close-weak" &&
            (!weakCloseEnds(text, at, midClause === stack.length) || closeFollows(text, at, true))
          )
            continue;
          stack.pop();
          out.push({ at, len: 1, role: "close", closer: top, single: true, depth: stack.length });
        } else if (shape === "close" && stack.length === 0) {
          out.push({ at, len: 1, role: "close", closer, single: true, depth: stack.length });
        }
      }
      continue;
    }
    if (ch === "“" || ch === "„" || ch === "«" || ch === "``") {
      // Double quotes do not nest in double quotes: a second opening mark re-opens (a new
      // paragraph of the quote) or was a stray.
      const closer = ch === "«" ? "»" : ch === "``" ? "''" : "”";
      if (top === undefined || isSingleCloser(top)) stack.push(closer);
      out.push({ at, len: ch.length, role: "open", closer, single: false, depth: stack.length });
    } else if (ch === "”" || ch === "»" || ch === "''") {
      closeDouble();
      out.push({
        at,
        len: ch.length,
        role: "close",
        closer: ch,
        single: false,
        depth: stack.length,
      });
    } else {
      if (top !== undefined && !isSingleCloser(top)) stack.pop();
      else stack.push('"');
      out.push({ at, len: 1, role: "either", closer: '"', single: false, depth: stack.length });
    }
  }
  return { marks: out, end: stack };
}
