/**
 * Feed items → the pipeline's RawInputs (pure): deterministic ids (a slug of the feed title and
 * a short hash of the item's guid or link), origin {kind:"feed", name: feedUrl#guid}, and the
 * feed's metadata, which the extractor prefers over guesses from the page.
 */
import { createHash } from "node:crypto";
import type { RawInput, SuppliedMeta } from "../../model.js";
import type { FeedItem, ParsedFeed } from "./parse-feed.js";

/** Hex digits of SHA-256 kept in an item id: 10 → 40 bits, collision-free for any real feed. */
const ID_HASH_CHARS = 10;
/** Longest slug kept from the feed title in ids. */
const SLUG_MAX_CHARS = 32;

export function slugify(s: string): string {
  return (
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, SLUG_MAX_CHARS)
      .replace(/-+$/g, "") || "feed"
  );
}

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** The key an item is known by: its guid, else its link, else title + content. */
export function itemKey(item: FeedItem): string {
  return item.guid ?? item.link ?? `${item.title ?? ""}\n${item.content ?? ""}`;
}

/** Hash of the item's visible text (title + content, whitespace-collapsed): same article, same hash. */
export function itemContentHash(item: FeedItem): string {
  const norm = `${item.title ?? ""}\n${item.content ?? ""}`.replace(/\s+/g, " ").trim();
  return sha256Hex(norm).slice(0, 16);
}

export function feedLabel(feed: ParsedFeed, feedUrl: string): string {
  if (feed.title) return feed.title;
  try {
    return new URL(feedUrl).hostname;
  } catch {
    return feedUrl;
  }
}

export function itemId(feed: ParsedFeed, feedUrl: string, item: FeedItem): string {
  return `${slugify(feedLabel(feed, feedUrl))}-${sha256Hex(`${feedUrl}\n${itemKey(item)}`).slice(0, ID_HASH_CHARS)}`;
}

export function itemMeta(feed: ParsedFeed, item: FeedItem): SuppliedMeta {
  const meta: SuppliedMeta = {};
  if (item.title) meta.title = item.title;
  if (item.published) meta.published = item.published;
  if (item.link) meta.url = item.link;
  if (item.author) meta.author = item.author;
  if (feed.title) meta.outlet = feed.title;
  if (item.categories.length) meta.categories = item.categories;
  return meta;
}

/** One RawInput from the item's own content (no page fetch). */
export function itemToInput(feed: ParsedFeed, feedUrl: string, item: FeedItem): RawInput {
  const input: RawInput = {
    id: itemId(feed, feedUrl, item),
    origin: { kind: "feed", name: `${feedUrl}#${item.guid ?? item.link ?? ""}` },
    meta: itemMeta(feed, item),
  };
  if (item.contentType === "html") input.html = item.content ?? "";
  else input.text = item.content ?? "";
  if (item.teaser) {
    input.diagnostics = [
      {
        severity: "info",
        code: "feed-teaser",
        message: "the feed carries only a summary of this item",
      },
    ];
  }
  return input;
}
