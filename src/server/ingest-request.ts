/**
 * Turns ingest requests into RawInputs and URLs to fetch: the API's JSON body ({articles: [...]})
 * and the add form's fields, files and URL list. Bad requests become 400 errors naming the item.
 */
import { createHash } from "node:crypto";
import { idFromPath } from "../ids.js";
import type { RawInput, SuppliedMeta } from "../model.js";
import { HttpError } from "./http.js";

/** Most reports accepted in one request; bigger batches belong to `crosscheck ingest`. */
export const MAX_INGEST_ARTICLES = 1000;
/** Longest id accepted from a client. */
const MAX_ID_LENGTH = 200;

function bad(message: string): HttpError {
  return new HttpError(400, "bad-request", message);
}

/** A readable id from the title, else a short hash of the content: same input, same id. */
export function defaultId(title: string | undefined, content: string): string {
  const slug = (title ?? "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || `report-${createHash("sha256").update(content).digest("hex").slice(0, 10)}`;
}

function optionalString(
  item: Record<string, unknown>,
  key: string,
  where: string,
): string | undefined {
  const v = item[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw bad(`${where}.${key} must be a string`);
  return v;
}

function checkId(id: string, where: string): string {
  if (id.trim() === "" || id.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(id)) {
    throw bad(`${where}.id must be 1 to ${MAX_ID_LENGTH} characters without control characters`);
  }
  return id;
}

function meta(title?: string, url?: string, published?: string, outlet?: string): SuppliedMeta {
  return {
    ...(title ? { title } : {}),
    ...(url ? { url } : {}),
    ...(published ? { published } : {}),
    ...(outlet ? { outlet } : {}),
  };
}

/** A report given only by its address: fetched (safely) before ingest. */
export interface UrlItem {
  url: string;
  /** Where it was named in the request, for error messages. */
  where: string;
  id?: string;
  meta: SuppliedMeta;
}

/** What an ingest request asks for: reports with their content, and reports to fetch. */
export interface IngestRequest {
  inputs: RawInput[];
  urls: UrlItem[];
}

/** Most URLs fetched for one request: each may take seconds (and a feed may hold many items). */
export const MAX_URLS_PER_REQUEST = 20;

const HTTP_URL = /^https?:\/\/\S+$/i;

function checkCounts(out: IngestRequest): IngestRequest {
  if (out.inputs.length > MAX_INGEST_ARTICLES) {
    throw new HttpError(
      413,
      "too-many",
      `at most ${MAX_INGEST_ARTICLES} reports per request, got ${out.inputs.length}`,
    );
  }
  if (out.urls.length > MAX_URLS_PER_REQUEST) {
    throw new HttpError(
      413,
      "too-many",
      `at most ${MAX_URLS_PER_REQUEST} URLs to fetch per request, got ${out.urls.length}`,
    );
  }
  return out;
}

/**
 * The API body `{"articles": [{id?, title?, text|html|url, published?, outlet?}]}`: an item with
 * `text` or `html` is ingested as given (its `url` only recorded); an item with only `url` is
 * fetched.
 */
export function requestFromJson(body: unknown): IngestRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw bad('expected a JSON object {"articles": [...]}');
  }
  const articles = (body as Record<string, unknown>).articles;
  if (!Array.isArray(articles) || articles.length === 0) {
    throw bad('"articles" must be a non-empty array');
  }
  if (articles.length > MAX_INGEST_ARTICLES) {
    throw new HttpError(
      413,
      "too-many",
      `at most ${MAX_INGEST_ARTICLES} articles per request, got ${articles.length}`,
    );
  }
  const out: IngestRequest = { inputs: [], urls: [] };
  articles.forEach((value, i) => {
    const where = `articles[${i}]`;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw bad(`${where} must be an object`);
    }
    const item = value as Record<string, unknown>;
    const text = optionalString(item, "text", where);
    const htmlText = optionalString(item, "html", where);
    const url = optionalString(item, "url", where);
    const title = optionalString(item, "title", where);
    const published = optionalString(item, "published", where);
    const outlet = optionalString(item, "outlet", where);
    const givenId = optionalString(item, "id", where);
    const id = givenId !== undefined ? checkId(givenId, where) : undefined;
    if (text === undefined && htmlText === undefined) {
      if (url === undefined) throw bad(`${where} needs "text", "html" or "url"`);
      if (!HTTP_URL.test(url)) throw bad(`${where}.url must be an http(s) URL`);
      out.urls.push({
        url,
        where,
        ...(id ? { id } : {}),
        meta: meta(title, undefined, published, outlet),
      });
      return;
    }
    const content = text ?? htmlText ?? "";
    out.inputs.push({
      id: id ?? defaultId(title, content),
      origin: { kind: "inline", name: givenId ? `api:${givenId}` : `api:${where}` },
      ...(text !== undefined ? { text } : { html: htmlText }),
      meta: meta(title, url, published, outlet),
    });
  });
  return checkCounts(out);
}

/** The add form: a pasted text (with title, URL, date), uploaded files, URLs to fetch (one a line). */
export async function requestFromForm(form: FormData): Promise<IngestRequest> {
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const out: IngestRequest = { inputs: [], urls: [] };
  const text = form.get("text");
  if (typeof text === "string" && text.trim() !== "") {
    const title = field("title");
    const looksHtml = /^\s*</.test(text);
    out.inputs.push({
      id: defaultId(title, text),
      origin: { kind: "inline", name: "pasted text" },
      ...(looksHtml ? { html: text } : { text }),
      meta: meta(title, field("url"), field("published")),
    });
  }
  for (const file of form.getAll("files")) {
    if (typeof file === "string" || file.size === 0) continue;
    const bytes = new Uint8Array(await file.arrayBuffer());
    out.inputs.push({
      id: idFromPath(file.name || "upload"),
      origin: {
        kind: "file",
        name: file.name || "upload",
        ...(file.type ? { contentType: file.type } : {}),
      },
      bytes,
    });
  }
  const lines = (field("urls") ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  lines.forEach((url, i) => {
    const where = `URL line ${i + 1}`;
    if (!HTTP_URL.test(url)) throw bad(`${where} is not an http(s) URL`);
    out.urls.push({ url, where, meta: {} });
  });
  if (out.inputs.length === 0 && out.urls.length === 0) {
    throw bad("nothing to add: paste a text, choose a file or give a URL");
  }
  return checkCounts(out);
}
