/**
 * Feed parsing (pure): RSS 0.9x/1.0 (RDF)/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 text →
 * one ParsedFeed with absolute links, ISO 8601 dates, cleaned titles and the item's content
 * (HTML or text), each flagged when it looks like a teaser rather than the full article.
 */
import type { Diagnostic } from "../../model.js";
import { parseFeedDate } from "./feed-dates.js";
import { cleanText, cleanTitle, htmlToText, looksLikeTeaser } from "./feed-text.js";
import {
  attr,
  childElements,
  documentElement,
  firstChild,
  hasElementChildren,
  innerHtml,
  parseXmlTree,
  resolveUrl,
  textOf,
  type XNode,
} from "./xml-tree.js";

export type FeedFormat = "rss" | "rdf" | "atom" | "json";

export interface FeedItem {
  /** The item's own id (RSS guid, Atom id, RDF about, JSON id), or null. */
  guid: string | null;
  /** Absolute URL of the article, or null. */
  link: string | null;
  title: string | null;
  /** ISO 8601 (offset kept when the feed gave one), or null. */
  published: string | null;
  author: string | null;
  categories: string[];
  content: string | null;
  contentType: "html" | "text";
  /** True when the content is missing, short or cut ("…", "Read more"): fetch the page. */
  teaser: boolean;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site's home page (channel link / alternate link / home_page_url), absolute. */
  link: string | null;
  items: FeedItem[];
  diagnostics: Diagnostic[];
}

export type SniffedKind = FeedFormat | "opml" | "html" | null;

/** What a document is, from its first element (or its JSON shape). */
export function sniffKind(text: string): SniffedKind {
  const head = text.slice(0, 4096);
  const json = head.search(/\S/);
  if (json >= 0 && head[json] === "{")
    return /jsonfeed\.org\/version/i.test(text.slice(0, 65536)) ? "json" : null;
  // Comments and a DOCTYPE (with its internal subset) may hold tag-like text: skip them.
  const bare = text
    .slice(0, 16384)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, "");
  const m = /<([A-Za-z_][\w.:-]*)/.exec(bare);
  if (!m) return null;
  const name = m[1].toLowerCase();
  const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
  if (local === "rss") return "rss";
  if (local === "rdf") return "rdf";
  if (local === "feed") return "atom";
  if (local === "opml") return "opml";
  if (local === "html") return "html";
  return null;
}

/** Parses feed text; throws an Error with a plain message when it is not a feed. */
export function parseFeed(text: string, feedUrl?: string): ParsedFeed {
  const kind = sniffKind(text);
  if (kind === "json") return parseJsonFeed(text, feedUrl);
  const root = parseXmlTree(text, feedUrl);
  const top = documentElement(root);
  if (!top)
    throw new Error(
      kind === null && /^\s*\{/.test(text)
        ? "JSON but not a JSON Feed"
        : "not a feed: no XML element found",
    );
  if (top.local === "rss" || top.local === "RDF")
    return parseRss(top, feedUrl, top.local === "RDF" ? "rdf" : "rss");
  if (top.name === "atom:feed") return parseAtom(top, feedUrl);
  throw new Error(`not a feed: the document element is <${top.name}>`);
}

// ---------------------------------------------------------------------------------- RSS / RDF

function parseRss(top: XNode, feedUrl: string | undefined, format: "rss" | "rdf"): ParsedFeed {
  const channel = firstChild(top, "channel") ?? top;
  const title = cleanTitle(textOf(firstChild(channel, "title")));
  const channelLink =
    resolveUrl(textOf(firstChild(channel, "link")).trim() || undefined, channel.base) ?? null;
  const items: XNode[] = [];
  collectItems(top, items);
  const feedAuthor = cleanText(textOf(firstChild(channel, "dc:creator", "managingEditor")));
  const out: FeedItem[] = [];
  for (const item of items) {
    // xml:base on the item wins; otherwise links are relative to the channel's link.
    const base = item.base !== top.base ? item.base : (channelLink ?? feedUrl);
    const guidNode = firstChild(item, "guid");
    const guid = textOf(guidNode).trim() || attr(item, "about")?.trim() || null;
    let link: string | null = textOf(firstChild(item, "link")).trim() || null;
    if (!link) {
      const alt = childElements(item, "atom:link").find(
        (l) => !attr(l, "rel") || attr(l, "rel") === "alternate",
      );
      link = alt ? (attr(alt, "href") ?? null) : null;
    }
    if (
      !link &&
      guid &&
      guidNode &&
      attr(guidNode, "isPermaLink") !== "false" &&
      /^(https?:)?\/\//i.test(guid)
    )
      link = guid;
    // The first of these that is not empty: content:encoded is often present but blank.
    let body: ReturnType<typeof contentOf> = null;
    for (const name of ["content:encoded", "description", "atom:content", "atom:summary"]) {
      const node = firstChild(item, name);
      if (!node) continue;
      body = contentOf(node, name.startsWith("atom:") ? atomType(node) : "html");
      if (body?.content) break;
    }
    out.push(
      finishItem({
        guid,
        link: link ? (resolveUrl(link, base) ?? null) : null,
        title: titleOf(firstChild(item, "title")),
        published: firstDate(item, [
          "pubDate",
          "dc:date",
          "dcterms:issued",
          "dcterms:created",
          "atom:published",
          "atom:updated",
          "dcterms:modified",
        ]),
        author: rssAuthor(item) ?? feedAuthor,
        categories: categoriesOf(item),
        content: body?.content ?? null,
        contentType: body?.type ?? "html",
      }),
    );
  }
  return { format, title, link: channelLink, items: out, diagnostics: [] };
}

/** Items anywhere under the document (RDF puts them beside the channel), not nested in items. */
function collectItems(node: XNode, out: XNode[]): void {
  for (const c of node.children) {
    if (typeof c === "string") continue;
    if (c.name === "item") out.push(c);
    else collectItems(c, out);
  }
}

function rssAuthor(item: XNode): string | null {
  const creator = cleanText(textOf(firstChild(item, "dc:creator")));
  if (creator) return creator;
  const atomAuthor = firstChild(item, "atom:author");
  if (atomAuthor)
    return cleanText(textOf(firstChild(atomAuthor, "atom:name")) || textOf(atomAuthor));
  const author = cleanText(textOf(firstChild(item, "author")));
  if (!author) return null;
  // RSS 2.0 wants an e-mail address: "jo@example.com (Jo Smith)" → "Jo Smith".
  const named = /\(([^)]+)\)\s*$/.exec(author);
  return named ? named[1].trim() : author;
}

// --------------------------------------------------------------------------------------- Atom

function parseAtom(top: XNode, _feedUrl: string | undefined): ParsedFeed {
  const title = titleOf(firstChild(top, "atom:title"));
  const feedLink = alternateLink(top);
  const feedAuthor = atomAuthorName(top);
  const out: FeedItem[] = [];
  for (const entry of childElements(top, "atom:entry")) {
    const content = firstChild(entry, "atom:content");
    const summary = firstChild(entry, "atom:summary");
    let body = content && !attr(content, "src") ? contentOf(content, atomType(content)) : null;
    if (!body?.content && summary) body = contentOf(summary, atomType(summary));
    out.push(
      finishItem({
        guid: textOf(firstChild(entry, "atom:id")).trim() || null,
        link: alternateLink(entry),
        title: titleOf(firstChild(entry, "atom:title")),
        published: firstDate(entry, [
          "atom:published",
          "atom:issued",
          "atom:created",
          "dc:date",
          "atom:updated",
          "atom:modified",
        ]),
        author:
          atomAuthorName(entry) ?? cleanText(textOf(firstChild(entry, "dc:creator"))) ?? feedAuthor,
        categories: categoriesOf(entry),
        content: body?.content ?? null,
        contentType: body?.type ?? "html",
      }),
    );
  }
  return { format: "atom", title, link: feedLink, items: out, diagnostics: [] };
}

function alternateLink(node: XNode): string | null {
  const links = childElements(node, "atom:link");
  const alt =
    links.find(
      (l) =>
        (attr(l, "rel") ?? "alternate") === "alternate" &&
        /html/i.test(attr(l, "type") ?? "text/html"),
    ) ?? links.find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  const href = alt ? attr(alt, "href") : undefined;
  return href ? (resolveUrl(href, alt!.base) ?? null) : null;
}

function atomAuthorName(node: XNode): string | null {
  const names = childElements(node, "atom:author")
    .map((a) => cleanText(textOf(firstChild(a, "atom:name")) || textOf(a)))
    .filter((n): n is string => !!n);
  return names.length ? names.join(", ") : null;
}

type ContentKind = "html" | "xhtml" | "text" | "other";

function atomType(node: XNode): ContentKind {
  const type = (attr(node, "type") ?? "text").toLowerCase();
  const mode = (attr(node, "mode") ?? "").toLowerCase();
  if (mode === "base64") return "other";
  if (type === "html" || type === "text/html" || mode === "escaped") return "html";
  if (type === "xhtml" || type === "application/xhtml+xml") return "xhtml";
  if (type === "text" || type === "text/plain") return "text";
  return "other";
}

// ------------------------------------------------------------------------------------ shared

function contentOf(
  node: XNode,
  kind: ContentKind,
): { content: string | null; type: "html" | "text" } | null {
  if (kind === "other") return null;
  if (kind === "xhtml") {
    const div = childElements(node).find((c) => c.local === "div");
    const html = innerHtml(div ?? node).trim();
    return { content: html || null, type: "html" };
  }
  if (kind === "text") {
    const text = textOf(node).trim();
    return { content: text || null, type: "text" };
  }
  // HTML, escaped or in CDATA; unescaped markup (invalid but common) is serialised back.
  const html = (hasElementChildren(node) ? innerHtml(node) : textOf(node)).trim();
  return { content: html || null, type: "html" };
}

function titleOf(node: XNode | undefined): string | null {
  if (!node) return null;
  const type = (attr(node, "type") ?? "").toLowerCase();
  if (type === "xhtml" || hasElementChildren(node)) return cleanTitle(htmlToText(innerHtml(node)));
  return cleanTitle(textOf(node));
}

function firstDate(node: XNode, names: string[]): string | null {
  for (const name of names) {
    const child = firstChild(node, name);
    const date = child ? parseFeedDate(textOf(child)) : null;
    if (date) return date;
  }
  return null;
}

function categoriesOf(node: XNode): string[] {
  const out: string[] = [];
  for (const c of childElements(node)) {
    let value: string | null = null;
    if (c.name === "category") value = cleanTitle(textOf(c));
    else if (c.name === "atom:category")
      value = cleanTitle(attr(c, "label") ?? attr(c, "term") ?? textOf(c));
    else if (c.name === "dc:subject") value = cleanTitle(textOf(c));
    if (value && !out.includes(value)) out.push(value);
  }
  return out;
}

function finishItem(item: Omit<FeedItem, "teaser">): FeedItem {
  return { ...item, teaser: looksLikeTeaser(item.content, item.contentType) };
}

// ---------------------------------------------------------------------------------- JSON Feed

function parseJsonFeed(text: string, feedUrl: string | undefined): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text.slice(text.indexOf("{")));
  } catch (err) {
    throw new Error(`JSON Feed is not valid JSON: ${(err as Error).message}`);
  }
  const feed = value as Record<string, unknown>;
  if (typeof feed !== "object" || feed === null || !Array.isArray(feed.items)) {
    throw new Error("JSON Feed has no items array");
  }
  const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);
  const authorOf = (o: Record<string, unknown>): string | null => {
    const list = Array.isArray(o.authors) ? o.authors : o.author ? [o.author] : [];
    const names = list
      .map((a) =>
        typeof a === "object" && a !== null ? str((a as Record<string, unknown>).name) : str(a),
      )
      .filter((n): n is string => !!n);
    return names.length ? names.join(", ") : null;
  };
  const base = str(feed.feed_url) ?? feedUrl;
  const link = str(feed.home_page_url);
  const feedAuthor = authorOf(feed);
  const items: FeedItem[] = [];
  for (const raw of feed.items as unknown[]) {
    if (typeof raw !== "object" || raw === null) continue;
    const it = raw as Record<string, unknown>;
    const html = str(it.content_html);
    const plain = str(it.content_text);
    const summary = str(it.summary);
    const url = str(it.url) ?? str(it.external_url);
    const tags = Array.isArray(it.tags)
      ? it.tags.filter((t): t is string => typeof t === "string")
      : [];
    items.push(
      finishItem({
        guid: it.id === undefined || it.id === null ? null : String(it.id),
        link: url ? (resolveUrl(url, base) ?? null) : null,
        title: cleanTitle(str(it.title)),
        published: parseFeedDate(str(it.date_published) ?? str(it.date_modified)),
        author: authorOf(it) ?? feedAuthor,
        categories: tags.map((t) => t.trim()).filter((t, i, a) => t !== "" && a.indexOf(t) === i),
        content: html ?? plain ?? summary,
        contentType: html ? "html" : plain ? "text" : "text",
      }),
    );
  }
  return {
    format: "json",
    title: cleanTitle(str(feed.title)),
    link: link ? (resolveUrl(link, base) ?? null) : null,
    items,
    diagnostics: [],
  };
}
