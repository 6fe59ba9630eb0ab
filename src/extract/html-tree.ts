/**
 * Parses HTML once, with htmlparser2's streaming parser, into a light element tree (tag,
 * attributes, children), keeping JSON-LD scripts and skipping other script/style text.
 * The work is bounded: input length and node count are capped, so huge pages cannot hang us.
 */
import { Parser } from "htmlparser2";

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  parent: El | null;
}
export type Node = El | string;

export interface ParsedHtml {
  root: El;
  /** Raw text of every <script type="application/ld+json">. */
  jsonLd: string[];
  /** True when the input was cut to MAX_HTML_CHARS or MAX_NODES. */
  truncated: boolean;
}

/**
 * Longest HTML parsed, in characters. Real article pages are under 2 M characters (script
 * included); the rest of a bigger page is dropped with a diagnostic. Bounds time to ~1 s.
 */
export const MAX_HTML_CHARS = 6_000_000;

/** Most elements and text nodes kept; beyond that the tree is cut. Bounds memory and time. */
export const MAX_NODES = 300_000;

/**
 * Deepest element nesting kept. Real pages nest under 100 deep; unclosed tags can nest 100 000
 * deep, which makes any parser's open-element stack quadratic. Parsing stops at this depth.
 */
export const MAX_DEPTH = 1000;

/** Characters handed to the parser at a time (lets a bound stop parsing early). */
const PARSE_CHUNK = 1 << 16;

/** Elements whose text is never content (their children are skipped at parse time). */
const SKIP_TEXT = new Set(["script", "style", "noscript", "template", "svg", "math", "iframe"]);

export function parseHtml(html: string): ParsedHtml {
  let truncated = false;
  let input = html;
  if (input.length > MAX_HTML_CHARS) {
    input = input.slice(0, MAX_HTML_CHARS);
    truncated = true;
  }
  const root: El = { tag: "#root", attrs: {}, children: [], parent: null };
  const jsonLd: string[] = [];
  let current = root;
  let nodes = 0;
  let skipDepth = 0;
  let scriptText: string[] | null = null;
  let full = false;
  let depth = 0;
  const stop = () => {
    full = true;
    truncated = true;
    parser.pause();
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (full) return;
        if (skipDepth > 0 || SKIP_TEXT.has(name)) {
          skipDepth++;
          if (name === "script" && /ld\+json/i.test(attribs.type ?? "")) scriptText = [];
          return;
        }
        if (++nodes > MAX_NODES || ++depth > MAX_DEPTH) {
          stop();
          return;
        }
        const el: El = { tag: name, attrs: attribs, children: [], parent: current };
        current.children.push(el);
        current = el;
      },
      ontext(text) {
        if (full) return;
        if (skipDepth > 0) {
          if (scriptText) scriptText.push(text);
          return;
        }
        const last = current.children[current.children.length - 1];
        if (typeof last === "string") current.children[current.children.length - 1] = last + text;
        else {
          if (++nodes > MAX_NODES) {
            stop();
            return;
          }
          current.children.push(text);
        }
      },
      onclosetag(name) {
        if (full) return;
        if (skipDepth > 0) {
          skipDepth--;
          if (skipDepth === 0 && scriptText) {
            jsonLd.push(scriptText.join(""));
            scriptText = null;
          }
          return;
        }
        // htmlparser2 closes implied elements itself; walk up to the matching element.
        let el: El | null = current;
        let up = 1;
        while (el && el.tag !== name) {
          el = el.parent;
          up++;
        }
        if (el?.parent) {
          current = el.parent;
          depth -= up;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // Fed in chunks so that a page that hits a bound stops being parsed at once.
  for (let at = 0; at < input.length && !full; at += PARSE_CHUNK) {
    parser.write(input.slice(at, at + PARSE_CHUNK));
  }
  if (!full) parser.end();
  return { root, jsonLd, truncated };
}

/** Depth-first walk over elements (not text), stopping descent when `visit` returns false. */
export function walk(el: El, visit: (el: El) => boolean | undefined): void {
  const stack: El[] = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (visit(e) === false) continue;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i];
      if (typeof c !== "string") stack.push(c);
    }
  }
}

/** First element with this tag, depth-first. */
export function findFirst(el: El, tag: string): El | null {
  let found: El | null = null;
  walk(el, (e) => {
    if (found) return false;
    if (e.tag === tag) {
      found = e;
      return false;
    }
    return true;
  });
  return found;
}

/** All text under an element, whitespace collapsed. */
export function textOf(el: El): string {
  const parts: string[] = [];
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === "string") parts.push(n);
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}
