/**
 * Main-content extraction from a parsed page: drops page furniture (scripts, navigation,
 * elements whose class/id say comment/share/related/sidebar/ad…), scores block containers
 * Readability-style (text length, commas, link density, paragraphs), picks the best subtree
 * plus qualifying siblings, and flattens it into blocks (paragraphs and headings) in order.
 */
import { type El, type Node, textOf, walk } from "./html-tree.js";
import type { LineIn } from "./line-classifier.js";
import { lineKey, normalizeLine } from "./normalize.js";

/** Elements never part of an article body. */
const DROP_TAGS = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "svg",
  "math",
  "canvas",
  "object",
  "embed",
  "button",
  "input",
  "select",
  "textarea",
  "option",
  "map",
  "audio",
  "video",
  "source",
  "link",
  "meta",
  "dialog",
  "menu",
]);

/** Landmarks that hold page furniture rather than the article. */
const FURNITURE_TAGS = new Set(["nav", "footer", "aside", "form", "header", "figcaption"]);

/**
 * class/id words of page furniture. An element matching this (and not BODY_HINT) is skipped,
 * unless nothing substantial is found without it (then extraction is retried without).
 */
const BOILERPLATE_HINT =
  /(^|[\s_-])(comments?|comment-list|disqus|share|sharing|social|socials|related|relatedposts|sidebar|side-bar|promo|promotion|ad|ads|advert|advertisement|adsbygoogle|banner|sponsor|sponsored|outbrain|taboola|newsletter|subscribe|subscription|signup|cookie|cookies|gdpr|consent|breadcrumbs?|footer|masthead|navbar|nav|navigation|menu|widget|popup|modal|recommend|recommended|recommendations|trending|popular|most-read|mostread|tags|tag-list|taglist|pagination|pager|author-bio|author-box|byline|dateline|timestamp|caption|credit|print|toolbar|sr-only|tooltip|popover|hovercard|rollover|dropdown|visually-hidden|screen-reader-text|jump|more-stories|read-more|readmore|also-read|see-also|newsletter-signup|paywall|meta)([\s_-]|$)/i;

/**
 * class/id words so specific that a body word next to them does not protect the element:
 * "comment-content", "related-posts-body", "sidebar-main" are still furniture, and so is a
 * photo gallery or carousel embedded in the story ("gallery-embed": its buttons, counters and
 * slide captions are not the article; a page that is all gallery keeps it by its prose share).
 */
const STRONG_BOILERPLATE_HINT =
  /(^|[\s_-])(comments?|comment-list|commentlist|disqus|related|relatedposts|sidebar|newsletter|cookie|outbrain|taboola|share-buttons|social-share|sharing|gallery|slideshow|carousel|lightbox)([\s_-]|$)/i;

/**
 * class/id words of a deck (standfirst, subtitle) or a video player's overlay: the benchmark's
 * article bodies leave decks out (on the tuning half every element so marked was outside the
 * body), and a body word next to them ("article-subtitle") does not make them body.
 */
const DECK_HINT =
  /(^|[\s_-])(dek|deck|standfirst|subtitle|sub-title|subheadline|sub-headline|subhead|sub-head|strapline|player-overlay|video-player)([\s_-]|$)/i;

/** class/id words of article content: they protect an element from BOILERPLATE_HINT. */
const BODY_HINT =
  /(^|[\s_-])(article|articlebody|article-body|article-content|story|story-body|storycontent|post|post-body|post-content|entry|entry-content|content|main|body|text|blog|news|hentry|h-entry|prose|rich-text|richtext|embed|embedded|tweet|twitter-tweet|instagram-media)([\s_-]|$)/i;

/** Tags that start a new block of text when flattening. */
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "table",
  "tr",
  "tbody",
  "thead",
  "figure",
  "figcaption",
  "dl",
  "dt",
  "dd",
  "address",
  "center",
  "hr",
  "header",
  "footer",
  "nav",
  "aside",
  "form",
  "details",
  "summary",
  "caption",
  "body",
  "html",
  "#root",
]);

/** Marks a <br> inside a block's text while flattening. */
const LINE_BREAK = "\u0000";

/** Table cells: separated by a space, a table row is one block. */
const CELL_TAGS = new Set(["td", "th"]);

/** Tags whose text is a heading of the article. */
const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** Blocks scored as paragraphs (Readability's list). */
const SCORE_TAGS = new Set(["p", "pre", "td", "blockquote", "li", "h2", "h3", "div", "section"]);

/** Shortest block text (characters) that earns a score. */
const MIN_SCORED_CHARS = 25;
/** Score per 100 characters of a paragraph, capped at MAX_LENGTH_BONUS. */
const MAX_LENGTH_BONUS = 3;
/**
 * The best container is replaced by its parent while the parent scores at least this share of
 * it (the article is split among several children). 0.75 as Readability's "alternative
 * candidates" rule; on the tuning half 0.6 lost precision (F1 0.974), 0.9 recall (0.980).
 */
const CLIMB_SHARE = 0.75;
/**
 * Siblings of the top candidate scoring at least this share of its score are included
 * (Readability's value; 0.1 and 0.3 gave the same F1 on the tuning half).
 */
const SIBLING_SHARE = 0.2;
/** A paragraph block whose link text is over this share of its text is dropped (a link list). */
const MAX_BLOCK_LINK_DENSITY = 0.5;
/** Blocks longer than this are kept whatever their link density (linked prose, not a list). */
const LINK_LIST_MAX_CHARS = 400;
/** Fewest characters in another container of the top candidate's kind for it to join. */
const SAME_KIND_MIN_CHARS = 100;
/** Most link text share in such a container (a related-links box of the same class fails). */
const SAME_KIND_MAX_LINK_DENSITY = 0.3;
/**
 * Share of the page's non-link text above which an element is kept even if its class or tag
 * says furniture. 0.5: no sidebar or comment block holds half of an article page's prose unless
 * the comments outgrow the article (then the article is lost either way).
 */
const PROTECTED_PROSE_SHARE = 0.5;
/** Fewest characters in the extracted body for the strict (boilerplate-skipping) pass to stand. */
const MIN_BODY_CHARS = 250;

/**
 * Blocks after an image in which a line repeating the image's alt text is its caption. A
 * caption sits right under its picture; 3 allows for an empty credit or wrapper block between.
 */
const ALT_CAPTION_REACH = 3;
/** Fewest words in an alt text that marks a caption (an alt of "photo" or "logo" says nothing). */
const ALT_CAPTION_MIN_WORDS = 3;

/** Deepest nesting flattened; deeper text (broken, unclosed markup) is ignored. Bounds recursion. */
const MAX_DEPTH = 1500;

interface Info {
  text: number;
  link: number;
  commas: number;
  score: number;
  scored: boolean;
}

export interface ContentResult {
  blocks: LineIn[];
  /** Characters of non-link text in the page body (furniture included, hidden text not). */
  pageProse: number;
  /** Elements in the page body (dropped and hidden ones not counted). */
  elements: number;
}

/** Audit reasons for furniture found by markup, first match wins. */
const FURNITURE_REASONS: [RegExp, string][] = [
  [/comment|disqus|respond|reply/i, "comment-form"],
  [/share|sharing|social/i, "share"],
  [
    /related|recommend|more-stories|read-?more|also-read|see-also|trending|popular|most-?read|outbrain|taboola/i,
    "related",
  ],
  [/newsletter|subscri|signup|paywall/i, "newsletter"],
  [/cookie|gdpr|consent/i, "cookie"],
  [/breadcrumb/i, "breadcrumb"],
  [/caption|credit|gallery|slideshow|carousel|lightbox/i, "caption"],
  [/byline|author/i, "byline"],
  [/date|time/i, "date-line"],
  [/\bads?\b|advert|promo|sponsor|banner/i, "advertisement"],
  [/nav|menu|toolbar|pagination|pager/i, "navigation"],
];

function furnitureReason(el: El): string {
  if (el.tag === "figcaption") return "caption";
  if (el.attrs.itemprop === "description" || DECK_HINT.test(hintOf(el))) return "deck";
  if (el.tag === "nav") return "navigation";
  if (el.tag === "footer") return "footer";
  const hint = `${hintOf(el)} ${el.attrs.role ?? ""}`;
  for (const [re, reason] of FURNITURE_REASONS) if (re.test(hint)) return reason;
  if (el.tag === "aside") return "related";
  if (el.tag === "form") return "comment-form";
  if (el.tag === "header") return "navigation";
  return isHidden(el) ? "hidden" : "boilerplate";
}

/** All text under an element, with a space between blocks (for audit lines). */
function spacedText(root: El): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === "string") parts.push(n);
    else if (!DROP_TAGS.has(n.tag)) {
      if (BLOCK_TAGS.has(n.tag) || n.tag === "br" || n.tag === "li") parts.push(" ");
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return parts.join("");
}

function isHidden(el: El): boolean {
  const a = el.attrs;
  if ("hidden" in a) return true;
  if (a["aria-hidden"] === "true" && el.tag !== "body") return true;
  const style = a.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * A negated class word ("no_caption", "no-sidebar", "without-ads": a layout modifier saying
 * the thing is absent) says nothing of the element itself.
 */
const NEGATED_HINT = /(^|[\s_-])(?:no|without)[-_][a-z0-9]+/gi;

function hintOf(el: El): string {
  const hint = `${el.attrs.class ?? ""} ${el.attrs.id ?? ""}`;
  NEGATED_HINT.lastIndex = 0;
  return NEGATED_HINT.test(hint) ? hint.replace(NEGATED_HINT, "$1") : hint;
}

function isFurniture(el: El): boolean {
  if (FURNITURE_TAGS.has(el.tag)) return true;
  const role = el.attrs.role;
  if (
    role &&
    /^(navigation|banner|contentinfo|complementary|search|dialog|menu|menubar)$/.test(role)
  )
    return true;
  if (el.attrs.itemprop === "description" || el.attrs.itemprop === "alternativeHeadline")
    return true;
  const hint = hintOf(el);
  if (hint.trim() === "") return false;
  if (STRONG_BOILERPLATE_HINT.test(hint) || DECK_HINT.test(hint)) return true;
  return BOILERPLATE_HINT.test(hint) && !BODY_HINT.test(hint);
}

/** Inline tags whose text runs on with the paragraph around them. */
const INLINE_TAGS = new Set(["span", "em", "strong", "b", "i", "small", "cite", "abbr", "font"]);
/** A furniture-classed inline element opening a paragraph is kept when at most this long… */
const OPENER_MAX_CHARS = 40;
/** …and the paragraph runs on for at least this many characters after it. */
const OPENER_MIN_REST_CHARS = 80;

/**
 * An inline element that opens a long paragraph is part of its first sentence whatever its
 * class says: a news dateline ("<span class=dateline>CAIRO —</span> Gunmen opened…") is
 * the article's text, and skipping it would also split the paragraph in two.
 */
function opensParagraph(el: El, info: Map<El, Info>): boolean {
  const p = el.parent;
  if (p?.tag !== "p" || !INLINE_TAGS.has(el.tag)) return false;
  for (const c of p.children) {
    if (c === el) break;
    if (typeof c === "string" ? c.trim() !== "" : (info.get(c)?.text ?? 0) > 0) return false;
  }
  const own = info.get(el)?.text ?? 0;
  const all = info.get(p)?.text ?? 0;
  return own > 0 && own <= OPENER_MAX_CHARS && all - own >= OPENER_MIN_REST_CHARS;
}

/** Extracts the article blocks of a page. `strict` skips furniture-marked elements. */
export function extractContent(root: El): ContentResult {
  const body = pickBody(root);
  const loose = new Map<El, Info>();
  measure(body, loose, dropped);
  let blocks = extractWith(body, true, loose);
  const chars = (bs: LineIn[]) => bs.reduce((s, b) => s + b.text.length, 0);
  if (chars(blocks) < MIN_BODY_CHARS) {
    const retry = extractWith(body, false, loose);
    if (chars(retry) > chars(blocks)) blocks = retry;
  }
  return { blocks, pageProse: prose(loose.get(body)), elements: loose.size };
}

/** Characters of the blocks kept (not already judged furniture). */
export function keptChars(blocks: readonly LineIn[]): number {
  let n = 0;
  for (const b of blocks) if (!b.removed) n += b.text.length;
  return n;
}

/** Never content: dropped tags and hidden elements. */
const dropped = (el: El) => DROP_TAGS.has(el.tag) || isHidden(el);

function pickBody(root: El): El {
  let body: El | null = null;
  walk(root, (e) => {
    if (body) return false;
    if (e.tag === "body") {
      body = e;
      return false;
    }
    return true;
  });
  return body ?? root;
}

function extractWith(body: El, strict: boolean, loose: Map<El, Info>): LineIn[] {
  const info = new Map<El, Info>();
  // Furniture is skipped, unless it holds most of the page's prose (a page wrapped in a form,
  // an article inside a "widget"): class names cannot overrule where the text is.
  let protect: (el: El) => boolean = () => false;
  if (strict) {
    const total = prose(loose.get(body));
    protect = (el) => prose(loose.get(el)) >= PROTECTED_PROSE_SHARE * total;
  }
  const skip = (el: El) =>
    dropped(el) ||
    (strict && el.tag !== "body" && isFurniture(el) && !protect(el) && !opensParagraph(el, loose));
  measure(body, info, skip);
  // Score paragraphs into their ancestors.
  const candidates: El[] = [];
  walk(body, (el) => {
    if (skip(el)) return false;
    const i = info.get(el);
    if (!i) return false;
    if (
      SCORE_TAGS.has(el.tag) &&
      (el.tag !== "div" && el.tag !== "section" ? true : !hasBlockChild(el))
    ) {
      const len = i.text;
      if (len >= MIN_SCORED_CHARS) {
        const score = 1 + i.commas + Math.min(Math.floor(len / 100), MAX_LENGTH_BONUS);
        let anc = el.parent;
        let level = 0;
        while (anc && level < 5) {
          const ai = info.get(anc);
          if (!ai) break;
          if (!ai.scored) {
            ai.scored = true;
            ai.score += initialScore(anc);
            candidates.push(anc);
          }
          ai.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
          anc = anc.parent;
          level++;
        }
      }
      return el.tag === "div" || el.tag === "section";
    }
    return true;
  });
  if (candidates.length === 0) return flatten(body, skip, info);
  let top: El = candidates[0];
  let topScore = -Infinity;
  for (const c of candidates) {
    const ci = info.get(c)!;
    const ld = ci.text > 0 ? ci.link / ci.text : 0;
    ci.score *= 1 - ld;
    if (ci.score > topScore) {
      topScore = ci.score;
      top = c;
    }
  }
  // Climb while the parent holds substantially more scored text (article split in parts).
  let node = top;
  while (node.parent && node.parent !== body.parent) {
    const pi = info.get(node.parent);
    if (!pi?.scored || pi.score < topScore * CLIMB_SHARE) break;
    node = node.parent;
    topScore = Math.max(topScore, pi.score);
  }
  top = node;
  // Siblings that score well join the top candidate.
  const parts: El[] = [];
  const parent = top.parent;
  if (parent) {
    const threshold = Math.max(10, topScore * SIBLING_SHARE);
    for (const c of parent.children) {
      if (typeof c === "string") continue;
      if (c === top) {
        parts.push(c);
        continue;
      }
      if (skip(c)) continue;
      const ci = info.get(c);
      if (!ci) continue;
      if (ci.scored && ci.score >= threshold) parts.push(c);
      else if (c.tag === "p") {
        const ld = ci.text > 0 ? ci.link / ci.text : 0;
        if ((ci.text > 80 && ld < 0.25) || (ci.text > 0 && ld === 0 && /\.\s*$/.test(textOf(c))))
          parts.push(c);
      }
    }
  } else parts.push(top);
  // The body split into several containers of the same kind (chunks between ads): add them.
  const extra = sameKindParts(body, top, parts, info, skip);
  const ordered = orderInDocument(body, [...parts, ...extra]);
  const blocks: LineIn[] = [];
  for (const p of ordered) blocks.push(...flatten(p, skip, info));
  return blocks;
}

/**
 * Elements with the top candidate's tag and class list, outside it, holding prose (little link
 * text, enough characters): the other chunks of an article split around ads or embeds.
 */
function sameKindParts(
  body: El,
  top: El,
  parts: El[],
  info: Map<El, Info>,
  skip: (el: El) => boolean,
): El[] {
  const cls = top.attrs.class?.trim();
  if (!cls) return [];
  const taken = new Set(parts);
  const out: El[] = [];
  walk(body, (el) => {
    if (taken.has(el) || skip(el)) return false;
    if (el.tag === top.tag && el.attrs.class?.trim() === cls && !contains(el, top)) {
      const i = info.get(el);
      if (
        i &&
        i.text >= SAME_KIND_MIN_CHARS &&
        i.link / Math.max(1, i.text) < SAME_KIND_MAX_LINK_DENSITY
      )
        out.push(el);
      return false;
    }
    return true;
  });
  return out;
}

function contains(outer: El, inner: El): boolean {
  for (let e: El | null = inner; e; e = e.parent) if (e === outer) return true;
  return false;
}

/** The given elements in document order. */
function orderInDocument(body: El, els: El[]): El[] {
  if (els.length <= 1) return els;
  const want = new Set(els);
  const out: El[] = [];
  walk(body, (el) => {
    if (want.has(el)) {
      out.push(el);
      return false;
    }
    return true;
  });
  return out;
}

/** Characters of non-link text under an element. */
function prose(i: Info | undefined): number {
  return i ? i.text - i.link : 0;
}

function initialScore(el: El): number {
  let s = 0;
  switch (el.tag) {
    case "div":
    case "article":
    case "main":
      s = 5;
      break;
    case "pre":
    case "td":
    case "blockquote":
      s = 3;
      break;
    case "address":
    case "ol":
    case "ul":
    case "dl":
    case "dd":
    case "dt":
    case "li":
    case "form":
      s = -3;
      break;
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "th":
      s = -5;
      break;
  }
  const hint = hintOf(el);
  if (BOILERPLATE_HINT.test(hint) && !BODY_HINT.test(hint)) s -= 25;
  if (BODY_HINT.test(hint)) s += 25;
  if (el.attrs.itemprop === "articleBody") s += 50;
  return s;
}

function hasBlockChild(el: El): boolean {
  for (const c of el.children) {
    if (typeof c !== "string" && BLOCK_TAGS.has(c.tag) && c.tag !== "br") return true;
  }
  return false;
}

/** Computes text length, link text length and commas for every element, bottom-up. */
function measure(root: El, info: Map<El, Info>, skip: (el: El) => boolean): void {
  const order: El[] = [];
  walk(root, (el) => {
    if (skip(el)) return false;
    order.push(el);
    return true;
  });
  for (let k = order.length - 1; k >= 0; k--) {
    const el = order[k];
    const i: Info = { text: 0, link: 0, commas: 0, score: 0, scored: false };
    for (const c of el.children) {
      if (typeof c === "string") {
        const t = c.replace(/\s+/g, " ");
        i.text += t.trim().length;
        i.commas += (t.match(/[,，、]/g) ?? []).length;
      } else {
        const ci = info.get(c);
        if (!ci) continue;
        i.text += ci.text;
        i.link += ci.link;
        i.commas += ci.commas;
      }
    }
    if (el.tag === "a") i.link = i.text;
    info.set(el, i);
  }
}

/**
 * Flattens a subtree into text blocks at block boundaries, dropping link-list blocks. `info`
 * holds `measure`'s figures for elements already measured with the same `skip`; lists not in it
 * are measured on the way.
 */
function flatten(root: El, skip: (el: El) => boolean, info: Map<El, Info> = new Map()): LineIn[] {
  const blocks: LineIn[] = [];
  let buf: string[] = [];
  let linkChars = 0;
  let heading = false;
  let h1 = false;
  // Link density of the innermost list being flattened: an item is judged with its list (one
  // linked item in a list of sentences is prose). 1 outside lists: the block decides alone.
  let listDensity = 1;
  // The alt text of the last image, while its caption may still follow.
  let alt = "";
  let altReach = 0;
  const flush = () => {
    // <br> breaks lines inside a block; the link-density decision is made for the whole block.
    const lines = buf
      .join("")
      .split(LINE_BREAK)
      .map(normalizeLine)
      .filter((l) => l !== "");
    const length = lines.reduce((n, l) => n + l.length, 0);
    if (length > 0) {
      const density = linkChars / length;
      const linkList =
        density > MAX_BLOCK_LINK_DENSITY &&
        length < LINK_LIST_MAX_CHARS &&
        listDensity > MAX_BLOCK_LINK_DENSITY;
      if (!linkList) {
        for (const text of lines) {
          // A line repeating the picture's alt text, under it, is the picture's caption.
          const caption = altReach > 0 && !heading && lineKey(text) === alt;
          if (caption) blocks.push({ text, removed: "caption" });
          else blocks.push(h1 ? { text, heading, h1 } : { text, heading });
        }
      }
      if (altReach > 0) altReach--;
    }
    buf = [];
    linkChars = 0;
    heading = false;
    h1 = false;
  };
  const visit = (node: Node, inLink: boolean, inHeading: boolean, inH1: boolean, depth: number) => {
    if (typeof node === "string") {
      buf.push(node);
      if (inLink) linkChars += node.replace(/\s+/g, " ").trim().length;
      if (inHeading && node.trim()) heading = true;
      if (inH1 && node.trim()) h1 = true;
      return;
    }
    if (depth > MAX_DEPTH) return;
    if (skip(node)) {
      // Furniture inside the article is kept for audit, with the reason its markup gives.
      const reason = DROP_TAGS.has(node.tag) ? null : furnitureReason(node);
      const text = reason ? normalizeLine(spacedText(node)) : "";
      if (reason && text) {
        flush();
        blocks.push({ text, removed: reason });
      }
      return;
    }
    if (node.tag === "br") {
      buf.push(LINE_BREAK);
      return;
    }
    const block = BLOCK_TAGS.has(node.tag);
    if (block) flush();
    else if (CELL_TAGS.has(node.tag)) buf.push(" ");
    const h = inHeading || HEADING_TAGS.has(node.tag);
    const a = inLink || node.tag === "a";
    if (node.tag === "img") {
      const key = lineKey(node.attrs.alt ?? "");
      if (key.split(" ").length >= ALT_CAPTION_MIN_WORDS) {
        alt = key;
        altReach = ALT_CAPTION_REACH;
      }
      return;
    }
    const one = inH1 || node.tag === "h1";
    const outerList = listDensity;
    if (node.tag === "ul" || node.tag === "ol") {
      if (!info.has(node)) measure(node, info, skip);
      const list = info.get(node);
      listDensity = list && list.text > 0 ? list.link / list.text : 0;
    }
    for (const c of node.children) visit(c, a, h, one, depth + 1);
    if (block) flush();
    listDensity = outerList;
  };
  visit(root, false, false, false, 0);
  flush();
  return blocks;
}

/** All blocks of an already chosen fragment (another extractor's output), hidden text dropped. */
export function flattenFragment(root: El): LineIn[] {
  return flatten(root, dropped);
}
