/**
 * The feed and URL door: a feed URL or file, an OPML list or a plain article URL → RawInputs.
 * Feed items whose feed carries only a teaser are replaced by their fetched page (the feed's
 * title, date, author and categories travel on as meta, which the extractor prefers). Every
 * failure becomes an InputError naming its URL or file; the rest goes on.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { idFromPath, uniqueIds } from "../../ids.js";
import type { InputError, RawInput } from "../../model.js";
import { looksBinary } from "../read-inputs.js";
import {
  FetchError,
  type SafeFetcher,
  type SafeFetchOptions,
  SafeFetcher as Fetcher,
} from "../fetch/safe-fetch.js";
import { decodeBytes } from "./decode.js";
import { itemToInput, slugify } from "./feed-inputs.js";
import { type FeedItem, type ParsedFeed, parseFeed, sniffKind } from "./parse-feed.js";
import { parseOpml } from "./parse-opml.js";

/** Teaser pages fetched at once per feed (the fetcher adds its own per-host limit). */
export const PAGE_FETCH_CONCURRENCY = 4;
/** Largest feed or OPML file read from disk. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface FeedReadOptions {
  /** The fetcher to use (shared across inputs for robots.txt caching and host limits). */
  fetcher?: SafeFetcher;
  /** Options for a fetcher made here when none is given (e.g. { allowPrivate: true }). */
  fetch?: SafeFetchOptions;
  /** Fetch the linked page for teaser-only items (default true). */
  fetchPages?: boolean;
}

export interface FeedReadResult {
  inputs: RawInput[];
  errors: InputError[];
}

const URL_RE = /^https?:\/\//i;
const FEED_FILE_RE = /\.(rss|atom|rdf|opml|xml)(\.gz)?$/i;

/**
 * True when the file door should hand this argument to readFeedInputs: an http(s) URL, a file
 * named like a feed or OPML list (.rss .atom .rdf .opml .xml), or a .json file holding a JSON Feed.
 */
export function isFeedOrUrl(arg: string): boolean {
  if (URL_RE.test(arg)) return true;
  if (FEED_FILE_RE.test(arg)) return true;
  if (/\.json$/i.test(arg)) {
    try {
      const head = readFileSync(arg).subarray(0, 4096).toString("utf8");
      return /jsonfeed\.org\/version/i.test(head);
    } catch {
      return false;
    }
  }
  return false;
}

/** Reads one feed/OPML/article URL or feed/OPML file into RawInputs (ids unique in the result). */
export async function readFeedInputs(
  arg: string,
  options: FeedReadOptions = {},
): Promise<FeedReadResult> {
  const fetcher = options.fetcher ?? new Fetcher(options.fetch);
  const out: FeedReadResult = { inputs: [], errors: [] };
  try {
    if (URL_RE.test(arg)) await readUrl(arg, fetcher, options, out);
    else await readFile_(arg, fetcher, options, out);
  } catch (err) {
    out.errors.push({ input: arg, message: reasonOf(err) });
  }
  const { ids, renamed } = uniqueIds(out.inputs.map((i) => i.id));
  out.inputs.forEach((input, i) => {
    input.id = ids[i];
    const d = renamed.get(i);
    if (d) (input.diagnostics ??= []).push(d);
  });
  return out;
}

async function readUrl(
  url: string,
  fetcher: SafeFetcher,
  options: FeedReadOptions,
  out: FeedReadResult,
): Promise<void> {
  const res = await fetcher.fetch(url);
  const decoded = decodeBytes(res.bytes, res.charset);
  const kind = sniffKind(decoded.text);
  if (kind === "opml") {
    await readOpml(decoded.text, res.finalUrl, fetcher, options, out);
    return;
  }
  if (kind === "rss" || kind === "rdf" || kind === "atom" || kind === "json") {
    const feed = nonEmpty(parseFeed(decoded.text, res.finalUrl));
    out.inputs.push(
      ...(await itemsToInputs(feed, url, feed.items, fetcher, options.fetchPages ?? true)),
    );
    return;
  }
  // A plain page: the extractor decodes and extracts it.
  out.inputs.push({
    id: idFromUrl(res.finalUrl),
    origin: {
      kind: "url",
      name: url,
      ...(res.contentType ? { contentType: res.contentType } : {}),
    },
    bytes: res.bytes,
  });
}

async function readFile_(
  path: string,
  fetcher: SafeFetcher,
  options: FeedReadOptions,
  out: FeedReadResult,
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? "no such file or directory" : (err as Error).message);
  }
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES }));
  }
  if (bytes.length > MAX_FILE_BYTES)
    throw new Error(`file is over the ${MAX_FILE_BYTES}-byte limit`);
  const text = decodeBytes(bytes).text;
  const kind = sniffKind(text);
  if (kind === "opml") return readOpml(text, undefined, fetcher, options, out);
  if (kind === "html" || kind === null) {
    // Named like a feed but holding a page (an .xml XHTML article): hand it on as a file.
    if (looksBinary(bytes)) throw new Error("not a feed, OPML list or text file (binary data)");
    out.inputs.push({ id: idFromPath(path), origin: { kind: "file", name: path }, bytes });
    return;
  }
  const feed = nonEmpty(parseFeed(text));
  out.inputs.push(
    ...(await itemsToInputs(feed, path, feed.items, fetcher, options.fetchPages ?? true)),
  );
}

async function readOpml(
  text: string,
  opmlUrl: string | undefined,
  fetcher: SafeFetcher,
  options: FeedReadOptions,
  out: FeedReadResult,
): Promise<void> {
  const { subscriptions } = parseOpml(text, opmlUrl);
  if (subscriptions.length === 0)
    throw new Error("OPML file lists no feeds (no outline with an xmlUrl)");
  for (const sub of subscriptions) {
    try {
      const res = await fetcher.fetch(sub.url);
      const feed = nonEmpty(parseFeed(decodeBytes(res.bytes, res.charset).text, res.finalUrl));
      out.inputs.push(
        ...(await itemsToInputs(feed, sub.url, feed.items, fetcher, options.fetchPages ?? true)),
      );
    } catch (err) {
      out.errors.push({ input: sub.url, message: reasonOf(err) });
    }
  }
}

/**
 * Feed items → RawInputs. Teaser items with a link get their page fetched (bytes + the feed's
 * meta); if that fails the teaser itself is kept, with a warning diagnostic saying why.
 */
export async function itemsToInputs(
  feed: ParsedFeed,
  feedUrl: string,
  items: readonly FeedItem[],
  fetcher: SafeFetcher | null,
  fetchPages = true,
): Promise<RawInput[]> {
  const inputs = items.map((item) => itemToInput(feed, feedUrl, item));
  const todo = items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => fetchPages && fetcher && item.teaser && item.link);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const { item, i } = todo[next++];
      const input = inputs[i];
      try {
        const res = await (fetcher as SafeFetcher).fetch(item.link as string, {
          accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
        });
        input.bytes = res.bytes;
        delete input.html;
        delete input.text;
        if (res.contentType) input.origin.contentType = res.contentType;
        input.diagnostics = [
          {
            severity: "info",
            code: "feed-page-fetched",
            message: `the feed had only a summary; the page ${res.finalUrl} was fetched`,
          },
        ];
      } catch (err) {
        (input.diagnostics ??= []).push({
          severity: "warning",
          code: "feed-page-fetch-failed",
          message: `kept the feed's summary: ${reasonOf(err)}`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAGE_FETCH_CONCURRENCY, todo.length) }, worker));
  return inputs;
}

/** "https://news.example.org/2024/06/bridge-reopens.html" → "news-example-org-bridge-reopens". */
export function idFromUrl(url: string): string {
  try {
    const u = new URL(url);
    const last =
      u.pathname
        .split("/")
        .filter(Boolean)
        .pop()
        ?.replace(/\.(s?html?|php|aspx?)$/i, "") ?? "";
    return last ? `${slugify(u.hostname)}-${slugify(last)}` : slugify(u.hostname);
  } catch {
    return slugify(url);
  }
}

/** A feed read on purpose that holds nothing is worth an error, not a silent empty batch. */
function nonEmpty(feed: ParsedFeed): ParsedFeed {
  if (feed.items.length === 0)
    throw new Error(`the ${feed.format.toUpperCase()} feed lists no items`);
  return feed;
}

function reasonOf(err: unknown): string {
  if (err instanceof FetchError) return `cannot fetch: ${err.reason}`;
  return (err as Error)?.message ?? String(err);
}
