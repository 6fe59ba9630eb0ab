/**
 * OPML subscription lists (pure): every outline with an xmlUrl, however deeply nested, becomes
 * a Subscription with an absolute URL and the titles of the folders it sits in.
 */
import { cleanTitle } from "./feed-text.js";
import {
  attr,
  childElements,
  documentElement,
  firstChild,
  parseXmlTree,
  resolveUrl,
  textOf,
  type XNode,
} from "./xml-tree.js";

export interface Subscription {
  /** Absolute feed URL. */
  url: string;
  title: string | null;
  /** The site's URL (htmlUrl), when given. */
  htmlUrl: string | null;
  /** Titles of the enclosing folders, outermost first. */
  folders: string[];
}

/** Parses OPML text; duplicate feed URLs are listed once (first place wins). Throws if not OPML. */
export function parseOpml(
  text: string,
  opmlUrl?: string,
): { title: string | null; subscriptions: Subscription[] } {
  const root = parseXmlTree(text, opmlUrl);
  const top = documentElement(root);
  if (top?.local.toLowerCase() !== "opml") throw new Error("not an OPML file: no <opml> element");
  const head = firstChild(top, "head");
  const title = head ? cleanTitle(textOf(firstChild(head, "title"))) : null;
  const body = firstChild(top, "body");
  const subscriptions: Subscription[] = [];
  const seen = new Set<string>();
  const walk = (node: XNode, folders: string[]) => {
    for (const outline of childElements(node)) {
      if (outline.local.toLowerCase() !== "outline") continue;
      const label = cleanTitle(attr(outline, "title") ?? attr(outline, "text") ?? "");
      const xmlUrl = attr(outline, "xmlUrl") ?? attr(outline, "xmlurl");
      if (xmlUrl && xmlUrl.trim() !== "") {
        const url = resolveUrl(xmlUrl, outline.base);
        if (url && /^https?:/i.test(url) && !seen.has(url)) {
          seen.add(url);
          const htmlUrl = attr(outline, "htmlUrl") ?? attr(outline, "htmlurl");
          subscriptions.push({
            url,
            title: label,
            htmlUrl: htmlUrl ? (resolveUrl(htmlUrl, outline.base) ?? null) : null,
            folders,
          });
        }
      }
      walk(outline, label && !xmlUrl ? [...folders, label] : folders);
    }
  };
  if (body) walk(body, []);
  return { title, subscriptions };
}
