/**
 * A small, tolerant XML tree for feeds, built with htmlparser2's streaming parser in xmlMode:
 * element names are canonicalised by namespace URI (whatever prefix a feed chose, Dublin Core
 * is "dc:", Atom is "atom:", RSS 1.0's default namespace has no prefix) and each element knows
 * its xml:base. Also serialises element content back to HTML (Atom xhtml, unescaped RSS HTML).
 */
import { Parser } from "htmlparser2";

/** Deepest element nesting kept: real feeds nest < 20 deep (xhtml content included). */
export const MAX_DEPTH = 256;

export interface XNode {
  /** Canonical qualified name: "item", "atom:entry", "dc:date", "content:encoded". */
  name: string;
  /** Name without prefix, as written. */
  local: string;
  attrs: Record<string, string>;
  children: (XNode | string)[];
  /** Absolute base URL in effect for this element (xml:base chain over the document URL). */
  base: string | undefined;
}

/** Namespace URI → canonical prefix ("" = no prefix). */
const NAMESPACES: Record<string, string> = {
  "http://www.w3.org/2005/Atom": "atom",
  "http://purl.org/atom/ns#": "atom",
  "http://purl.org/rss/1.0/": "",
  "http://my.netscape.com/rdf/simple/0.9/": "",
  "http://backend.userland.com/rss2": "",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://search.yahoo.com/mrss/": "media",
  "http://www.w3.org/1999/xhtml": "xhtml",
  "http://www.w3.org/XML/1998/namespace": "xml",
};

export function resolveUrl(
  ref: string | undefined | null,
  base: string | undefined,
): string | undefined {
  if (!ref) return base;
  try {
    return new URL(ref.trim(), base).href;
  } catch {
    return base;
  }
}

/** Parses XML text into a tree; junk before the first "<" is skipped. Never throws. */
export function parseXmlTree(text: string, documentUrl?: string): XNode {
  const root: XNode = {
    name: "#document",
    local: "#document",
    attrs: {},
    children: [],
    base: documentUrl,
  };
  const stack: XNode[] = [root];
  const nsStack: Record<string, string>[] = [{ xml: "http://www.w3.org/XML/1998/namespace" }];
  let first = true;
  let skipped = 0;
  const parser = new Parser(
    {
      onopentag(rawName, attrs) {
        // Past the depth cap elements are flattened (their text still lands in the deepest
        // kept element), so hostile nesting cannot overflow the recursive walks below.
        if (stack.length > MAX_DEPTH) {
          skipped++;
          return;
        }
        const parentNs = nsStack[nsStack.length - 1];
        let ns = parentNs;
        for (const key in attrs) {
          if (key === "xmlns" || key.startsWith("xmlns:")) {
            if (ns === parentNs) ns = { ...parentNs };
            ns[key === "xmlns" ? "" : key.slice(6)] = attrs[key];
          }
        }
        const colon = rawName.indexOf(":");
        const prefix = colon >= 0 ? rawName.slice(0, colon) : "";
        const local = colon >= 0 ? rawName.slice(colon + 1) : rawName;
        if (first) {
          first = false;
          // Atom without its namespace declaration is still Atom.
          if (ns[""] === undefined && prefix === "" && local === "feed") {
            ns = { ...ns, "": "http://www.w3.org/2005/Atom" };
          }
        }
        const uri = ns[prefix];
        const canonical = uri !== undefined && uri in NAMESPACES ? NAMESPACES[uri] : prefix;
        const parent = stack[stack.length - 1];
        const xmlBase = attrs["xml:base"];
        const node: XNode = {
          name: canonical ? `${canonical}:${local}` : local,
          local,
          attrs,
          children: [],
          base: xmlBase ? resolveUrl(xmlBase, parent.base) : parent.base,
        };
        parent.children.push(node);
        stack.push(node);
        nsStack.push(ns);
      },
      ontext(data) {
        const parent = stack[stack.length - 1];
        const last = parent.children[parent.children.length - 1];
        if (typeof last === "string") parent.children[parent.children.length - 1] = last + data;
        else parent.children.push(data);
      },
      onclosetag() {
        if (skipped > 0) {
          skipped--;
          return;
        }
        if (stack.length > 1) {
          stack.pop();
          nsStack.pop();
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  const start = text.indexOf("<");
  parser.end(start > 0 ? text.slice(start) : text);
  return root;
}

/** The document element (first element child of the root), or null. */
export function documentElement(root: XNode): XNode | null {
  for (const c of root.children) if (typeof c !== "string") return c;
  return null;
}

export function childElements(node: XNode, name?: string): XNode[] {
  const out: XNode[] = [];
  for (const c of node.children)
    if (typeof c !== "string" && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(node: XNode, ...names: string[]): XNode | undefined {
  for (const name of names) {
    for (const c of node.children) if (typeof c !== "string" && c.name === name) return c;
  }
  return undefined;
}

/** All text below the node, concatenated (CDATA included). */
export function textOf(node: XNode | undefined): string {
  if (!node) return "";
  let out = "";
  for (const c of node.children) out += typeof c === "string" ? c : textOf(c);
  return out;
}

/** Attribute by local name, whatever its prefix ("about" finds "rdf:about"). */
export function attr(node: XNode, local: string): string | undefined {
  if (node.attrs[local] !== undefined) return node.attrs[local];
  for (const key in node.attrs) {
    const colon = key.indexOf(":");
    if (colon >= 0 && key.slice(colon + 1) === local && !key.startsWith("xmlns"))
      return node.attrs[key];
  }
  return undefined;
}

/** True when the node has element children (e.g. unescaped HTML inside an RSS description). */
export function hasElementChildren(node: XNode): boolean {
  return node.children.some((c) => typeof c !== "string");
}

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

const escapeText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Serialises a node's children as HTML (prefixes dropped, namespace declarations dropped). */
export function innerHtml(node: XNode): string {
  let out = "";
  for (const c of node.children) out += typeof c === "string" ? escapeText(c) : outerHtml(c);
  return out;
}

function outerHtml(node: XNode): string {
  let attrs = "";
  for (const key in node.attrs) {
    if (key === "xmlns" || key.startsWith("xmlns:") || key.startsWith("xml:")) continue;
    attrs += ` ${key.includes(":") ? key.slice(key.indexOf(":") + 1) : key}="${escapeAttr(node.attrs[key])}"`;
  }
  const tag = node.local.toLowerCase();
  if (VOID.has(tag)) return `<${tag}${attrs}>`;
  return `<${tag}${attrs}>${innerHtml(node)}</${tag}>`;
}
