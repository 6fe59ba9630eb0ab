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
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (full) return;
        if (skipDepth > 0 || SKIP_TEXT.has(name)) {
          skipDepth++;
          if (name === "script" && /ld\+json/i.test(attribs.type ?? "")) scriptText = [];
          return;
        }
        if (++nodes > MAX_NODES) {
          full = true;
          truncated = true;
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
            full = true;
            truncated = true;
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
        while (el && el.tag !== name) el = el.parent;
        if (el?.parent) current = el.parent;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(input);
  parser.end();
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
