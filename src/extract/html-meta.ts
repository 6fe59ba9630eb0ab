/**
 * Page metadata from a parsed HTML tree: title, byline, published date, outlet, canonical URL
 * and declared language, from <meta> (Open Graph, article:, Dublin Core, itemprop), JSON-LD,
 * <time datetime>, <link rel=canonical>, <html lang> and the <title> suffix ("Headline | Outlet").
 */
import { type El, textOf, walk } from "./html-tree.js";
import { lineKey, normalizeLine } from "./normalize.js";

export interface HtmlMeta {
  title: string | null;
  /** The <title> element's text as is, for outlet guessing. */
  documentTitle: string | null;
  h1: string | null;
  byline: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  lang: string | null;
  /** JSON-LD articleBody, when the page carries one. */
  articleBody: string | null;
}

/** schema.org types whose JSON-LD describes the article (WebPage last: a wrapper). */
const ARTICLE_TYPES =
  /^(Article|NewsArticle|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|WebPage|Posting|SocialMediaPosting)$/;

type Json = Record<string, unknown>;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function nameOf(v: unknown): string | null {
  for (const x of asArray(v)) {
    if (typeof x === "string" && x.trim()) return x.trim();
    if (x && typeof x === "object" && typeof (x as Json).name === "string")
      return ((x as Json).name as string).trim();
  }
  return null;
}

/** Article-like JSON-LD objects, looking inside @graph and arrays. */
function jsonLdArticles(scripts: string[]): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 5 || !v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    const types = asArray(o["@type"]).filter((t): t is string => typeof t === "string");
    if (types.some((t) => ARTICLE_TYPES.test(t))) out.push(o);
    if (o["@graph"]) visit(o["@graph"], depth + 1);
    if (o.mainEntity) visit(o.mainEntity, depth + 1);
  };
  for (const s of scripts) {
    try {
      visit(JSON.parse(s.trim().replace(/^<!--|-->$/g, "")), 0);
    } catch {
      // Broken JSON-LD is common; ignore it.
    }
  }
  // Real articles before WebPage wrappers.
  out.sort(
    (a, b) =>
      Number(/WebPage/.test(String(a["@type"]))) - Number(/WebPage/.test(String(b["@type"]))),
  );
  return out;
}

/** Most h2/h3 texts remembered while looking for the headline. */
const MAX_SUBHEADINGS = 200;

/** Shortest word counted as shared by a headline and the `<title>` ("and", "the" are not). */
const SHARED_WORD_MIN = 4;

/**
 * The headline when no metadata names it: the first `<h1>`, unless it shares no word (of 4+
 * letters) with the `<title>` while an `<h2>`/`<h3>` says the `<title>` itself (or its part
 * before a " | Site" suffix): then the `<h1>` is a site or section label ("Health Center") and
 * the page's `<title>` is its headline.
 */
function headlineOf(h1: string | null, documentTitle: string | null, subheadings: Set<string>) {
  if (h1 === null || documentTitle === null) return h1 ?? documentTitle;
  const t = lineKey(documentTitle);
  const h = new Set(lineKey(h1).split(" "));
  if (t.split(" ").some((w) => w.length >= SHARED_WORD_MIN && h.has(w))) return h1;
  const head = lineKey(documentTitle.split(/\s+[|–—\-:·•]\s+/)[0]);
  return subheadings.has(t) || subheadings.has(head) ? documentTitle : h1;
}

export function readHtmlMeta(root: El, jsonLd: string[]): HtmlMeta {
  const meta = new Map<string, string>();
  let documentTitle: string | null = null;
  let canonical: string | null = null;
  let lang: string | null = null;
  let h1: string | null = null;
  const subheadings = new Set<string>();
  let timeDatetime: string | null = null;
  let itempropAuthor: string | null = null;
  let relAuthor: string | null = null;
  walk(root, (el) => {
    const a = el.attrs;
    switch (el.tag) {
      case "html":
        if (a.lang) lang = a.lang;
        break;
      case "title":
        if (documentTitle === null) documentTitle = normalizeLine(textOf(el));
        return false;
      case "meta": {
        const key = (a.property ?? a.name ?? a.itemprop ?? "").toLowerCase();
        const value = a.content;
        if (key && value && !meta.has(key)) meta.set(key, normalizeLine(value));
        break;
      }
      case "link":
        if (/\bcanonical\b/i.test(a.rel ?? "") && a.href && !canonical) canonical = a.href;
        break;
      case "h1":
        if (h1 === null) h1 = normalizeLine(textOf(el)) || null;
        break;
      case "h2":
      case "h3":
        if (subheadings.size < MAX_SUBHEADINGS) subheadings.add(lineKey(textOf(el)));
        break;
      case "time":
        if (timeDatetime === null && a.datetime) timeDatetime = a.datetime;
        break;
    }
    if (a.itemprop === "datePublished" && !meta.has("itemprop:datepublished")) {
      const v = a.content ?? a.datetime ?? textOf(el);
      if (v) meta.set("itemprop:datepublished", v.trim());
    }
    if (a.itemprop === "author" && itempropAuthor === null) {
      itempropAuthor = normalizeLine(a.content ?? textOf(el)) || null;
    }
    if (/\bauthor\b/.test(a.rel ?? "") && relAuthor === null && el.tag === "a") {
      relAuthor = normalizeLine(textOf(el)) || null;
    }
    return true;
  });
  const ld = jsonLdArticles(jsonLd);
  const ldGet = (k: string): unknown => ld.find((o) => o[k] !== undefined && o[k] !== "")?.[k];
  const str = (v: unknown): string | null =>
    typeof v === "string" && v.trim() ? normalizeLine(v) : null;

  const title =
    meta.get("og:title") ??
    meta.get("twitter:title") ??
    str(ldGet("headline")) ??
    meta.get("dc.title") ??
    headlineOf(h1, documentTitle, subheadings);
  const published =
    meta.get("article:published_time") ??
    str(ldGet("datePublished")) ??
    meta.get("itemprop:datepublished") ??
    meta.get("datepublished") ??
    meta.get("pubdate") ??
    meta.get("publishdate") ??
    meta.get("publish-date") ??
    meta.get("dc.date.issued") ??
    meta.get("dc.date") ??
    meta.get("date") ??
    meta.get("sailthru.date") ??
    meta.get("parsely-pub-date") ??
    meta.get("og:published_time") ??
    timeDatetime ??
    null;
  const byline =
    nameOf(ldGet("author")) ??
    meta.get("author") ??
    meta.get("article:author") ??
    meta.get("parsely-author") ??
    meta.get("sailthru.author") ??
    meta.get("dc.creator") ??
    itempropAuthor ??
    relAuthor ??
    null;
  const outlet =
    meta.get("og:site_name") ??
    nameOf(ldGet("publisher")) ??
    meta.get("application-name") ??
    meta.get("twitter:site")?.replace(/^@/, "") ??
    null;
  const url = canonical ?? meta.get("og:url") ?? str(ldGet("url")) ?? null;
  const body = ldGet("articleBody");
  return {
    title,
    documentTitle,
    h1,
    byline: byline && !/^https?:/.test(byline) ? byline : null,
    published,
    outlet,
    url,
    lang,
    articleBody: typeof body === "string" ? body : null,
  };
}

/** A byline from metadata or a byline line, without "By", handles, dates and reading times. */
export function cleanByline(value: string | null): string | null {
  if (!value) return null;
  let v = normalizeLine(value)
    .replace(/^(by|von|par|por|door|di|written by|posted by)\s*:?\s+/i, "")
    .split(/\s+@\w|\s*[|•·]\s*|\s+\d{1,2}\s*min(ute)?s?\s+read/i)[0]
    .replace(
      /\s*,?\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$/i,
      "",
    )
    .trim();
  if (v.length > BYLINE_MAX_CHARS) v = v.slice(0, BYLINE_MAX_CHARS).replace(/\s+\S*$/, "");
  return v && !/^https?:/i.test(v) ? v : null;
}

/** Longest byline kept (longer values are page text that leaked into metadata). */
const BYLINE_MAX_CHARS = 100;

/** An outlet name from og:site_name and the like: URLs become hosts, taglines are cut. */
export function cleanOutlet(value: string | null): string | null {
  if (!value) return null;
  const v = normalizeLine(value);
  if (/^https?:\/\//i.test(v)) {
    try {
      return new URL(v).hostname.replace(/^www\./, "");
    } catch {
      return null;
    }
  }
  return v.split(/\s+[|–—-]\s+/)[0].trim() || null;
}

/** "Headline | Outlet" / "Headline - Outlet": the suffix after the last separator, if short. */
export function outletFromTitle(documentTitle: string | null, title: string | null): string | null {
  if (!documentTitle) return null;
  const m = documentTitle.match(/^(.*\S)\s+[|–—\-:·•]\s+([^|–—\-:·•]{2,40})$/);
  if (!m) return null;
  const suffix = m[2].trim();
  if (title && suffix.toLowerCase() === title.toLowerCase()) return null;
  return suffix.split(/\s+/).length <= 5 ? suffix : null;
}

/** Strips " | Outlet" from a <title>-derived headline. */
export function stripTitleSuffix(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const esc = outlet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return title.replace(new RegExp(`\\s+[|–—\\-:·•]\\s+${esc}$`, "i"), "").trim() || title;
}
